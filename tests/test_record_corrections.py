"""Corrections: a reviewer withdraws a mistaken update with a reason; nothing is deleted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commitments.models import Commitment, StatusUpdate
from commitments.status import Review, Status

from .admin_pages import login


def withdraw_url(update):
    return reverse("admin:commitments_statusupdate_withdraw", args=[update.pk])


@pytest.fixture
def history(cast):
    """Two published reports of commitment_a, the later one mistaken."""
    commitment = cast.commitment_a
    first = commitment.update_status(
        status=Status.IN_PROGRESS, progress=30, reported_on=datetime.date(2022, 1, 1)
    )
    mistaken = commitment.update_status(
        status=Status.DONE, progress=100, note="误报", reported_on=datetime.date(2023, 1, 1)
    )
    return first, mistaken


def test_reviewer_withdraws_with_a_reason_and_current_values_are_recomputed(
    client, cast, reviewer, history
):
    first, mistaken = history
    login(client, reviewer)
    assert client.get(withdraw_url(mistaken)).status_code == 200
    response = client.post(withdraw_url(mistaken), {"reason": "把另一项工程的验收记在了这里"})
    assert response.status_code == 302
    stored = StatusUpdate.objects.get(pk=mistaken.pk)
    assert stored.review == Review.WITHDRAWN
    assert (stored.withdrawn_by, stored.withdrawal_reason) == (reviewer, "把另一项工程的验收记在了这里")
    assert stored.withdrawn_at is not None
    commitment = Commitment.objects.get(pk=cast.commitment_a.pk)
    assert (commitment.status, commitment.progress) == (Status.IN_PROGRESS, 30)
    assert commitment.last_reported_on == datetime.date(2022, 1, 1)
    assert StatusUpdate.objects.count() == 2  # nothing deleted


def test_withdrawn_update_stays_public_marked_with_who_when_and_why(client, cast, reviewer, history):
    _first, mistaken = history
    mistaken.withdraw(reviewer, "日期填错")
    html = client.get(cast.commitment_a.get_absolute_url()).content.decode()
    assert "误报" in html and "已撤回" in html
    assert f"{reviewer.username} 于" in html and "理由：日期填错" in html


def test_withdrawing_the_only_update_returns_the_commitment_to_not_rated(cast, reviewer):
    only = cast.commitment_a.update_status(status=Status.DONE, progress=100)
    only.withdraw(reviewer, "误操作")
    stored = Commitment.objects.get(pk=cast.commitment_a.pk)
    assert (stored.status, stored.progress, stored.last_reported_on) == (Status.NOT_RATED, 0, None)


def test_a_withdrawal_needs_a_reason(client, cast, reviewer, history):
    _first, mistaken = history
    login(client, reviewer)
    response = client.post(withdraw_url(mistaken), {"reason": "  "})
    assert response.status_code == 400
    assert StatusUpdate.objects.get(pk=mistaken.pk).review == Review.PUBLISHED
    with pytest.raises(ValidationError):
        mistaken.withdraw(reviewer, "")


@pytest.mark.parametrize("who", ["editor_a", "editor_b"])
def test_editors_cannot_withdraw(client, cast, history, who):
    _first, mistaken = history
    login(client, getattr(cast, who))
    assert client.post(withdraw_url(mistaken), {"reason": "不想要了"}).status_code == 403
    assert StatusUpdate.objects.get(pk=mistaken.pk).review == Review.PUBLISHED


def test_an_update_is_withdrawn_once(client, cast, reviewer, history):
    _first, mistaken = history
    mistaken.withdraw(reviewer, "第一次")
    login(client, reviewer)
    response = client.post(withdraw_url(mistaken), {"reason": "第二次"})
    assert response.status_code == 409
    assert StatusUpdate.objects.get(pk=mistaken.pk).withdrawal_reason == "第一次"
