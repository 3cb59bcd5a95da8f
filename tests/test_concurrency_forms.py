"""No lost updates through the admin: a commitment form loaded before another save is refused.

The same rules under truly concurrent transactions: test_concurrency_postgres.py.
"""

import datetime

import pytest
from django.test import Client

from commitments.models import Commitment
from commitments.status import Status

from .admin_pages import change_form_data, change_url, edit, login

STALE_MESSAGE = "该承诺已被他人修改"
# Only reviewers and superusers edit a commitment, and a moved due date needs a reason.
REASON = {"change_reason": "按市政府通知调整"}


def stored(commitment):
    return Commitment.objects.get(pk=commitment.pk)


def test_save_from_a_form_loaded_before_another_save_is_refused(client, cast):
    login(client, cast.superuser)
    stale_form = change_form_data(client.get(change_url(cast.commitment_a)))
    other = Client()
    login(other, cast.superuser)
    assert edit(other, cast.commitment_a, due_date="2024-06-30", **REASON).status_code == 302

    response = client.post(
        change_url(cast.commitment_a), {**stale_form, "due_date": "2023-01-01", **REASON}
    )
    assert response.status_code == 409
    assert STALE_MESSAGE in response.content.decode()
    assert stored(cast.commitment_a).due_date == datetime.date(2024, 6, 30)
    assert stored(cast.commitment_a).version == 2


def test_after_reloading_the_form_the_save_goes_through(client, cast):
    login(client, cast.superuser)
    assert edit(client, cast.commitment_a, due_date="2024-06-30", **REASON).status_code == 302
    assert edit(client, cast.commitment_a, due_date="2023-01-01", **REASON).status_code == 302
    assert stored(cast.commitment_a).due_date == datetime.date(2023, 1, 1)
    assert stored(cast.commitment_a).version == 3


@pytest.mark.parametrize("forged_version", [None, "", "0", "99", "x"])
def test_forged_or_missing_version_is_refused(client, cast, forged_version):
    login(client, cast.superuser)
    data = change_form_data(client.get(change_url(cast.commitment_a)))
    data.update(due_date="2023-01-01", **REASON)
    if forged_version is None:
        del data["loaded_version"]
    else:
        data["loaded_version"] = forged_version
    response = client.post(change_url(cast.commitment_a), data)
    assert response.status_code == 409
    assert stored(cast.commitment_a).due_date == cast.commitment_a.due_date


def test_recording_progress_meanwhile_neither_blocks_nor_is_overwritten_by_an_edit(client, cast):
    login(client, cast.superuser)
    form = change_form_data(client.get(change_url(cast.commitment_a)))
    cast.commitment_a.update_status(status=Status.DONE, progress=100, author=cast.superuser)

    response = client.post(
        change_url(cast.commitment_a), {**form, "due_date": "2024-06-30", **REASON}
    )
    assert response.status_code == 302
    commitment = stored(cast.commitment_a)
    assert commitment.due_date == datetime.date(2024, 6, 30)
    assert (commitment.status, commitment.progress) == (Status.DONE, 100)
