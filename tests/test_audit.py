"""Audit: who changed which of a commitment's own fields, and when (django-simple-history)."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Commitment
from commitments.status import Status

from .admin_pages import edit, login

def latest_change(commitment):
    latest = Commitment.history.filter(id=commitment.pk).latest()
    # diff_against compares editable fields: bookkeeping (version, updated_at) stays out.
    return latest, latest.diff_against(latest.prev_record)


def test_admin_edit_records_the_user_and_the_changed_fields(client, cast):
    # Editors move no goalposts (test_record_goalposts.py): a superuser does, with a reason.
    login(client, cast.superuser)
    edit(client, cast.commitment_a, due_date="2024-06-30", change_reason="提前完成")
    record, delta = latest_change(cast.commitment_a)
    assert record.history_user == cast.superuser
    assert record.history_type == "~"
    assert delta.changed_fields == ["due_date"]
    assert (str(delta.changes[0].old), str(delta.changes[0].new)) == ("2025-12-31", "2024-06-30")


def test_superuser_correction_of_source_text_is_recorded(client, cast):
    login(client, cast.superuser)
    edit(client, cast.commitment_a, title="稳定和扩大就业规模", change_reason="与原文一致")
    record, delta = latest_change(cast.commitment_a)
    assert record.history_user == cast.superuser
    assert delta.changed_fields == ["title"]


def test_recorded_progress_is_in_the_audit_trail_with_its_author(client, cast, settings):
    settings.PLANWATCH_REVIEW_UPDATES = False  # else it waits for review, changing nothing yet
    login(client, cast.editor_a)
    url = reverse("admin:commitments_commitment_record", args=[cast.commitment_a.pk])
    client.post(url, {"status": Status.IN_PROGRESS, "progress": 60, "reported_on": "2023-05-04"})
    record, delta = latest_change(cast.commitment_a)
    update = cast.commitment_a.updates.get()
    assert record.history_user == cast.editor_a
    assert record.history_change_reason == f"登记进展 #{update.pk}"
    assert set(delta.changed_fields) == {"status", "progress"}
    assert record.last_reported_on == datetime.date(2023, 5, 4)


def test_refused_edit_leaves_no_audit_record(client, cast):
    login(client, cast.editor_b)
    before = Commitment.history.filter(id=cast.commitment_a.pk).count()
    client.post(
        reverse("admin:commitments_commitment_change", args=[cast.commitment_a.pk]),
        {"due_date": "2021-01-01", "loaded_version": 1},
    )
    assert Commitment.history.filter(id=cast.commitment_a.pk).count() == before


@pytest.mark.parametrize("who", ["superuser", "editor_a", "editor_b"])
def test_history_page_shows_who_changed_what(client, cast, who):
    login(client, cast.superuser)
    edit(client, cast.commitment_a, due_date="2024-06-30", change_reason="提前完成")
    login(client, getattr(cast, who))
    url = reverse("admin:commitments_commitment_history", args=[cast.commitment_a.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "root" in page
    assert "截止日期" in page and "2024" in page
