"""登记进展: recording one status update from a commitment's admin page, for each role."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Commitment, StatusUpdate
from commitments.status import Status

from .admin_pages import UPDATE, assert_nothing_recorded, change_url, login, record_url
from .factories import make_user


@pytest.mark.parametrize("who", ["superuser", "editor_a"])
def test_superuser_and_own_editor_record_an_update(client, cast, who, settings):
    settings.PLANWATCH_REVIEW_UPDATES = False  # tests/test_review_flow.py: with review
    user = getattr(cast, who)
    login(client, user)
    assert client.get(record_url(cast.commitment_a)).status_code == 200
    response = client.post(record_url(cast.commitment_a), UPDATE, follow=True)
    assert response.redirect_chain == [(change_url(cast.commitment_a), 302)]
    assert "已登记进展：推进中 40%" in response.content.decode()
    update = StatusUpdate.objects.get(commitment=cast.commitment_a)
    assert (update.author, update.note, update.evidence_url) == (
        user, UPDATE["note"], UPDATE["evidence_url"],
    )
    stored = Commitment.objects.get(pk=cast.commitment_a.pk)
    assert (stored.status, stored.progress) == (Status.IN_PROGRESS, 40)
    assert stored.last_reported_on == datetime.date(2022, 3, 1)


def test_form_starts_from_the_current_status_and_today(client, cast):
    cast.commitment_a.update_status(status=Status.STALLED, progress=20)
    login(client, cast.editor_a)
    form = client.get(record_url(cast.commitment_a)).context["form"]
    assert form["status"].value() == Status.STALLED
    assert form["progress"].value() == 20


def test_editor_of_another_department_is_refused(client, cast):
    login(client, cast.editor_b)
    assert client.get(record_url(cast.commitment_a)).status_code == 403
    assert client.post(record_url(cast.commitment_a), UPDATE).status_code == 403
    assert_nothing_recorded(cast.commitment_a)


def test_editor_without_departments_is_refused(client, cast):
    lonely = make_user("lonely", is_staff=True)
    lonely.groups.set(cast.editor_a.groups.all())
    login(client, lonely)
    assert client.post(record_url(cast.commitment_a), UPDATE).status_code == 403
    assert_nothing_recorded(cast.commitment_a)


def test_staff_without_the_editors_group_is_refused(client, cast):
    staff = make_user("clerk", is_staff=True)
    cast.department_a.editors.add(staff)
    login(client, staff)
    assert client.post(record_url(cast.commitment_a), UPDATE).status_code == 403
    assert_nothing_recorded(cast.commitment_a)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("progress", 150, "100"),
        ("progress", -1, "0"),
        ("status", "finished", "finished"),
        ("evidence_url", "javascript:alert(1)", "URL"),
        ("reported_on", "2022-02-30", "日期"),
    ],
)
def test_forged_values_are_refused_with_400_and_nothing_written(
    client, cast, field, value, message
):
    login(client, cast.editor_a)
    response = client.post(record_url(cast.commitment_a), {**UPDATE, field: value})
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert_nothing_recorded(cast.commitment_a)


def test_unknown_commitment_is_404(client, cast):
    login(client, cast.superuser)
    url = reverse("admin:commitments_commitment_record", args=[999_999])
    assert client.post(url, UPDATE).status_code == 404


def test_history_is_shown_read_only_on_the_change_page(client, cast):
    cast.commitment_a.update_status(
        status=Status.IN_PROGRESS, progress=30, note="第一次", reported_on=datetime.date(2022, 1, 1),
        evidence_url="https://example.cn/1", author=cast.editor_a,
    )
    cast.commitment_a.update_status(
        status=Status.DONE, progress=100, note="第二次", reported_on=datetime.date(2023, 1, 1),
    )
    login(client, cast.editor_a)
    response = client.get(change_url(cast.commitment_a))
    history = next(
        inline for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is StatusUpdate
    )
    assert not history.has_add_permission and not history.has_change_permission
    assert [form.instance.note for form in history.formset.forms] == ["第二次", "第一次"]
    page = response.content.decode()
    assert 'href="https://example.cn/1"' in page
    assert 'name="updates-0-note"' not in page


def test_recorded_update_shows_at_once_on_the_public_page_without_review(client, cast, settings):
    settings.PLANWATCH_REVIEW_UPDATES = False
    public = client.get(cast.commitment_a.get_absolute_url()).content.decode()
    assert "已出台实施方案" not in public
    login(client, cast.editor_a)
    client.post(record_url(cast.commitment_a), UPDATE)
    client.logout()
    public = client.get(cast.commitment_a.get_absolute_url()).content.decode()
    assert "已出台实施方案" in public and "推进中" in public
