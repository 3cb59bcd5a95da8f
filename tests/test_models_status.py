"""Commitment.update_status: history and current values always move together."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from commitments.models import Commitment, StatusUpdate
from commitments.status import Status

from .factories import make_commitment, make_user

pytestmark = pytest.mark.django_db


def test_new_commitment_is_not_rated_and_due_at_plan_end():
    commitment = make_commitment()
    assert commitment.status == Status.NOT_RATED
    assert commitment.progress == 0
    assert commitment.due_date == datetime.date(2025, 12, 31)
    assert not commitment.updates.exists()


def test_update_status_appends_history_and_moves_current_values(settings):
    settings.PLANWATCH_REVIEW_UPDATES = False  # else an editor's update waits for review
    commitment = make_commitment()
    author = make_user()
    update = commitment.update_status(
        status=Status.IN_PROGRESS,
        progress=40,
        note="已出台实施方案",
        evidence_url="https://www.wuhan.gov.cn/plan",
        author=author,
        reported_on=datetime.date(2022, 3, 1),
    )
    stored = Commitment.objects.get(pk=commitment.pk)
    assert (stored.status, stored.progress) == (Status.IN_PROGRESS, 40)
    assert stored.last_reported_on == datetime.date(2022, 3, 1)
    assert list(stored.updates.values_list("pk", flat=True)) == [update.pk]
    assert update.author == author and update.note == "已出台实施方案"
    assert (commitment.status, commitment.progress) == (Status.IN_PROGRESS, 40)


def test_every_update_is_kept_and_the_latest_reported_is_current():
    commitment = make_commitment()
    commitment.update_status(status=Status.IN_PROGRESS, progress=30, reported_on=datetime.date(2022, 1, 1))
    commitment.update_status(status=Status.DONE, progress=100, reported_on=datetime.date(2024, 1, 1))
    commitment.update_status(
        status=Status.STALLED, progress=20, reported_on=datetime.date(2021, 6, 1), note="补录"
    )
    stored = Commitment.objects.get(pk=commitment.pk)
    assert stored.updates.count() == 3
    assert (stored.status, stored.progress) == (Status.DONE, 100)
    assert stored.last_reported_on == datetime.date(2024, 1, 1)


@pytest.mark.parametrize(
    "bad",
    [
        {"status": Status.DONE, "progress": 101},
        {"status": "finished", "progress": 50},
        {"status": Status.DONE, "progress": 100, "evidence_url": "not a url"},
    ],
)
def test_invalid_update_leaves_neither_history_nor_current_values(bad):
    commitment = make_commitment()
    commitment.update_status(status=Status.IN_PROGRESS, progress=10)
    with pytest.raises(ValidationError):
        commitment.update_status(**bad)
    stored = Commitment.objects.get(pk=commitment.pk)
    assert stored.updates.count() == 1
    assert (stored.status, stored.progress) == (Status.IN_PROGRESS, 10)


def test_failure_after_the_history_row_rolls_both_back(monkeypatch):
    commitment = make_commitment()

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Commitment, "save", broken_save)
    with pytest.raises(RuntimeError):
        commitment.update_status(status=Status.DONE, progress=100)
    monkeypatch.undo()
    assert StatusUpdate.objects.filter(commitment=commitment).count() == 0
    assert Commitment.objects.get(pk=commitment.pk).status == Status.NOT_RATED
