"""Who may do what in the admin: a superuser, editors of two departments, an anonymous reader.

The cast (`cast`, tests/conftest.py) and the admin form helpers (tests/admin_pages.py) are shared
with the other admin test modules.
"""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Commitment, StatusUpdate
from commitments.status import Status
from departments.models import Department

from .admin_pages import change_form_data, change_url, edit, login
from .factories import make_user


# Anonymous readers and non-staff users: the admin only sends them to its login page.

@pytest.mark.parametrize(
    "url",
    [
        lambda c: reverse("admin:index"),
        lambda c: reverse("admin:commitments_commitment_changelist"),
        lambda c: change_url(c.commitment_a),
        lambda c: reverse("admin:commitments_commitment_record", args=[c.commitment_a.pk]),
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_admin_sends_anonymous_and_non_staff_to_login(client, cast, url, who):
    if who == "reader":
        login(client, make_user("reader"))
    response = client.get(url(cast))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_post_writes_nothing(client, cast):
    url = reverse("admin:commitments_commitment_record", args=[cast.commitment_a.pk])
    response = client.post(url, {"status": Status.DONE, "progress": 100})
    assert response.status_code == 302
    assert not StatusUpdate.objects.exists()


# Editors see everything.

@pytest.mark.parametrize("who", ["superuser", "editor_a", "editor_b"])
def test_staff_see_every_department_in_the_changelist(client, cast, who):
    login(client, getattr(cast, who))
    # An editor's list opens on their departments (test_record_staff.py); mine= shows all.
    response = client.get(reverse("admin:commitments_commitment_changelist"), {"mine": ""})
    assert response.status_code == 200
    assert {c.pk for c in response.context["cl"].result_list} == {
        cast.commitment_a.pk, cast.commitment_b.pk,
    }


@pytest.mark.parametrize(
    ("who", "may_edit", "may_record"),
    [("superuser", True, True), ("editor_a", False, True), ("editor_b", False, False)],
)
def test_change_page_offers_saving_to_reviewers_and_recording_to_own_editors(
    client, cast, who, may_edit, may_record
):
    login(client, getattr(cast, who))
    response = client.get(change_url(cast.commitment_a))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is may_edit
    assert response.context["can_record"] is may_record
    assert ("登记进展" in response.content.decode()) is may_record


@pytest.mark.parametrize(
    ("who", "source_editable"), [("superuser", True), ("editor_a", False)]
)
def test_imported_source_text_is_editable_by_superusers_only(client, cast, who, source_editable):
    login(client, getattr(cast, who))
    form = client.get(change_url(cast.commitment_a)).context["adminform"].form
    for name in ["title", "text", "source_start", "source_end", "article", "department"]:
        assert (name in form.fields) is source_editable
    assert ("due_date" in form.fields) is source_editable  # editors move no goalposts
    assert "status" not in form.fields and "progress" not in form.fields


# Forged POSTs.

def test_editor_cannot_change_due_date_of_own_departments_commitment(client, cast):
    login(client, cast.superuser)
    data = change_form_data(client.get(change_url(cast.commitment_a)))
    login(client, cast.editor_a)
    response = client.post(change_url(cast.commitment_a), {**data, "due_date": "2030-12-31"})
    assert response.status_code == 403
    assert Commitment.objects.get(pk=cast.commitment_a.pk).due_date == datetime.date(2025, 12, 31)


def test_editor_cannot_change_imported_text_even_by_forged_post(client, cast):
    login(client, cast.superuser)
    data = change_form_data(client.get(change_url(cast.commitment_a)))
    login(client, cast.editor_a)
    response = client.post(change_url(cast.commitment_a), {
        **data, "title": "篡改的标题", "text": "篡改", "department": cast.department_b.pk,
    })
    assert response.status_code == 403
    stored = Commitment.objects.get(pk=cast.commitment_a.pk)
    assert stored.title == "稳定和扩大就业"
    assert stored.text == cast.commitment_a.text
    assert stored.department == cast.department_a


def test_editor_cannot_change_other_departments_commitment(client, cast):
    login(client, cast.superuser)
    data = change_form_data(client.get(change_url(cast.commitment_a)))
    login(client, cast.editor_b)
    response = client.post(change_url(cast.commitment_a), {**data, "due_date": "2021-01-01"})
    assert response.status_code == 403
    stored = Commitment.objects.get(pk=cast.commitment_a.pk)
    assert stored.due_date == cast.commitment_a.due_date
    assert stored.version == cast.commitment_a.version
    assert not stored.history.filter(history_type="~").exists()


def test_status_and_progress_cannot_be_forged_into_the_commitment_form(client, cast):
    login(client, cast.superuser)
    response = edit(client, cast.commitment_a, status=Status.DONE, progress=100)
    assert response.status_code == 302
    stored = Commitment.objects.get(pk=cast.commitment_a.pk)
    assert (stored.status, stored.progress) == (Status.NOT_RATED, 0)


def test_superuser_cannot_break_text_equals_article_span(client, cast):
    login(client, cast.superuser)
    response = edit(client, cast.commitment_a, text="不在原文中的文字")
    assert response.status_code == 400
    assert "原文必须与文章" in response.content.decode()
    assert Commitment.objects.get(pk=cast.commitment_a.pk).text == cast.commitment_a.text


@pytest.mark.parametrize("who", ["editor_a", "editor_b"])
def test_editors_cannot_add_or_delete_commitments_or_change_departments(client, cast, who):
    login(client, getattr(cast, who))
    commitment = cast.commitment_a
    assert client.get(reverse("admin:commitments_commitment_add")).status_code == 403
    delete_url = reverse("admin:commitments_commitment_delete", args=[commitment.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    department_url = reverse("admin:departments_department_change", args=[cast.department_a.pk])
    assert client.post(department_url, {"name": "改名", "slug": "x", "order": 1}).status_code == 403
    assert Commitment.objects.filter(pk=commitment.pk).exists()
    assert Department.objects.get(pk=cast.department_a.pk).name == "市人力资源和社会保障局"


@pytest.mark.parametrize("who", ["superuser", "editor_a"])
def test_nobody_edits_or_adds_status_updates_behind_update_status(client, cast, who):
    update = cast.commitment_a.update_status(status=Status.IN_PROGRESS, progress=30)
    login(client, getattr(cast, who))
    assert client.get(reverse("admin:commitments_statusupdate_add")).status_code == 403
    change = reverse("admin:commitments_statusupdate_change", args=[update.pk])
    response = client.post(change, {"status": Status.DONE, "progress": 100})
    assert response.status_code == 403
    delete = reverse("admin:commitments_statusupdate_delete", args=[update.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert StatusUpdate.objects.get().progress == 30


@pytest.mark.parametrize("who", ["superuser", "editor_a", "editor_b"])
def test_history_view_cannot_revert_a_commitment(client, cast, who):
    commitment = cast.commitment_a
    first_version = commitment.history.earliest()
    commitment.update_status(status=Status.DONE, progress=100)
    login(client, getattr(cast, who))
    url = reverse(
        "admin:commitments_commitment_simple_history",
        args=[commitment.pk, first_version.history_id],
    )
    assert client.get(url).status_code == 200
    # simple-history alone would save this POST, even from editor_b who may only view.
    forged = {"loaded_version": first_version.version, "due_date": "2021-01-01"}
    assert client.post(url, forged).status_code == 405
    stored = Commitment.objects.get(pk=commitment.pk)
    assert (stored.status, stored.progress) == (Status.DONE, 100)
    assert stored.due_date == commitment.due_date
