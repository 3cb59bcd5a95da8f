"""Which progress each status allows (commitments/status.py), in forms, models and the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from commitments.models import Commitment, StatusUpdate
from commitments.status import STATUS_STYLE, Status

from .factories import make_commitment
from .admin_pages import login
from .admin_pages import UPDATE, assert_nothing_recorded, record_url

pytestmark = pytest.mark.django_db

ALLOWED = {
    Status.NOT_RATED: {0}, Status.NOT_STARTED: {0}, Status.IN_PROGRESS: {1, 50, 99},
    Status.STALLED: {0, 40, 99}, Status.PARTIAL: {1, 60, 99}, Status.DONE: {100},
    Status.ABANDONED: {0, 30, 99},
}
REFUSED = {
    Status.NOT_RATED: {1, 100}, Status.NOT_STARTED: {1, 100}, Status.IN_PROGRESS: {0, 100},
    Status.STALLED: {100}, Status.PARTIAL: {0, 100}, Status.DONE: {0, 40, 99},
    Status.ABANDONED: {100},
}


def test_the_table_covers_every_status():
    assert set(STATUS_STYLE) == set(Status) == set(ALLOWED) == set(REFUSED)


@pytest.mark.parametrize(
    ("status", "progress"), [(s, p) for s, values in ALLOWED.items() for p in sorted(values)]
)
def test_allowed_pairs_are_recorded(status, progress):
    commitment = make_commitment()
    commitment.update_status(status=status, progress=progress)
    assert (Commitment.objects.get(pk=commitment.pk).progress) == progress


@pytest.mark.parametrize(
    ("status", "progress"), [(s, p) for s, values in REFUSED.items() for p in sorted(values)]
)
def test_refused_pairs_fail_validation_with_a_message_on_progress(status, progress):
    commitment = make_commitment()
    with pytest.raises(ValidationError) as raised:
        commitment.update_status(status=status, progress=progress)
    assert "进度必须" in " ".join(raised.value.message_dict["progress"])
    assert not StatusUpdate.objects.exists()


def test_done_at_40_percent_is_refused_by_the_form(client, cast):
    login(client, cast.superuser)
    response = client.post(
        record_url(cast.commitment_a), {**UPDATE, "status": Status.DONE, "progress": 40}
    )
    assert response.status_code == 400
    assert "状态为“已完成”时，进度必须为 100%。" in response.content.decode()
    assert_nothing_recorded(cast.commitment_a)


@pytest.mark.parametrize("model", ["commitment", "statusupdate"])
def test_the_database_refuses_done_at_40_percent(model):
    commitment = make_commitment()
    with pytest.raises(IntegrityError), transaction.atomic():
        if model == "commitment":
            Commitment.objects.filter(pk=commitment.pk).update(status=Status.DONE, progress=40)
        else:
            StatusUpdate.objects.bulk_create([
                StatusUpdate(commitment=commitment, status=Status.DONE, progress=40)
            ])
