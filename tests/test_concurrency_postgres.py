"""No lost updates under truly concurrent transactions: two connections, real row locks.

Each writer runs in its own thread, so on its own database connection. The first holds its
transaction open for a moment; the second starts while it does. PostgreSQL only: SQLite has no
row locks and serialises whole-database writes.
"""

import datetime
import threading
import time
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction

from commitments.admin import CommitmentAdmin
from commitments.models import Commitment
from commitments.status import Status
from departments.models import REVIEWERS_GROUP

from .admin_pages import change_form_data, change_url, client_for
from .factories import make_commitment, make_department, make_user
from .postgres import run_together

REASON = {"change_reason": "按市政府通知调整"}

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks (SELECT ... FOR UPDATE)",
    ),
    # Committed data, seen by every connection. Not serialized_rollback: once another
    # transactional test has flushed the database, restoring the migrations' rows collides
    # with the content types post_migrate recreated. So these tests need none of those rows.
    pytest.mark.django_db(transaction=True),
]

HOLD = 0.5  # seconds the first writer keeps its transaction open


@pytest.fixture
def holding_admin_save(monkeypatch):
    """The first admin save holds its transaction open; the event is set while it does."""
    holding = threading.Event()
    save_model = CommitmentAdmin.save_model

    def hold_then_save(self, request, obj, form, change):
        if not holding.is_set():
            holding.set()
            time.sleep(HOLD)
        save_model(self, request, obj, form, change)

    monkeypatch.setattr(CommitmentAdmin, "save_model", hold_then_save)
    return holding


@pytest.fixture
def writers():
    """A superuser, and a reviewer (only reviewers change a commitment: its goalposts)."""
    department = make_department()
    reviewer = make_user("reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return SimpleNamespace(
        superuser=make_user("root", is_staff=True, is_superuser=True),
        editor=reviewer,
        commitment=make_commitment(department),
    )


def stored(commitment):
    return Commitment.objects.get(pk=commitment.pk)


def test_two_saves_of_the_same_form_at_once_the_later_is_refused_not_lost(
    writers, holding_admin_save
):
    first, second = client_for(writers.editor), client_for(writers.superuser)
    url = change_url(writers.commitment)
    first_form, second_form = change_form_data(first.get(url)), change_form_data(second.get(url))

    def save_first():
        return first.post(url, {**first_form, "due_date": "2024-06-30", **REASON}).status_code

    def save_second_meanwhile():
        holding_admin_save.wait(timeout=10)
        return second.post(url, {**second_form, "due_date": "2023-01-01", **REASON}).status_code

    assert run_together(save_first, save_second_meanwhile) == [302, 409]
    commitment = stored(writers.commitment)
    assert (commitment.due_date, commitment.version) == (datetime.date(2024, 6, 30), 2)
    assert commitment.history.filter(history_type="~").count() == 1


def test_progress_recorded_during_an_edit_waits_for_it_and_both_land(writers, holding_admin_save):
    editor = client_for(writers.editor)
    url = change_url(writers.commitment)
    form = change_form_data(editor.get(url))

    def edit_due_date():
        return editor.post(url, {**form, "due_date": "2024-06-30", **REASON}).status_code

    def record_progress_meanwhile():
        holding_admin_save.wait(timeout=10)
        commitment = Commitment.objects.get(pk=writers.commitment.pk)
        return commitment.update_status(status=Status.DONE, progress=100).pk

    status_code, update_pk = run_together(edit_due_date, record_progress_meanwhile)
    assert status_code == 302
    commitment = stored(writers.commitment)
    assert commitment.due_date == datetime.date(2024, 6, 30)
    assert (commitment.status, commitment.progress) == (Status.DONE, 100)
    assert list(commitment.updates.values_list("pk", flat=True)) == [update_pk]


def test_two_status_updates_at_once_both_land_and_the_latest_reported_is_current(writers):
    holding = threading.Event()

    def record_later_report_and_hold():
        with transaction.atomic():
            Commitment.objects.get(pk=writers.commitment.pk).update_status(
                status=Status.DONE, progress=100, reported_on=datetime.date(2024, 1, 1)
            )
            holding.set()
            time.sleep(HOLD)

    def record_earlier_report_meanwhile():
        holding.wait(timeout=10)
        Commitment.objects.get(pk=writers.commitment.pk).update_status(
            status=Status.IN_PROGRESS, progress=50, reported_on=datetime.date(2023, 1, 1)
        )

    run_together(record_later_report_and_hold, record_earlier_report_meanwhile)
    commitment = stored(writers.commitment)
    assert commitment.updates.count() == 2
    assert (commitment.status, commitment.progress) == (Status.DONE, 100)
    assert commitment.last_reported_on == datetime.date(2024, 1, 1)
