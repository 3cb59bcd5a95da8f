"""The changelist action that sets the status of several commitments with one note."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from commitments.models import Commitment, StatusUpdate
from commitments.status import Status

from .admin_pages import login
from .factories import make_commitment

CHANGELIST = reverse("admin:commitments_commitment_changelist")
UPDATE = {"status": Status.DONE, "progress": 100, "note": "年度考核通过", "reported_on": "2025-12-01"}


def select(*commitments):
    return {
        "action": "set_status",
        helpers.ACTION_CHECKBOX_NAME: [c.pk for c in commitments],
    }


def apply(client, *commitments, **update):
    return client.post(CHANGELIST, {**select(*commitments), **UPDATE, **update, "apply": "1"})


def test_choosing_the_action_shows_the_form_for_the_selection(client, cast):
    second = make_commitment(cast.department_a, title="培育新职业")
    login(client, cast.editor_a)
    response = client.post(CHANGELIST, select(cast.commitment_a, second))
    assert response.status_code == 200
    assert {c.pk for c in response.context["queryset"]} == {cast.commitment_a.pk, second.pk}
    assert "培育新职业" in response.content.decode()
    assert not StatusUpdate.objects.exists()


@pytest.mark.parametrize("who", ["superuser", "editor_a"])
def test_applying_appends_one_update_to_each_selected_commitment(client, cast, who, settings):
    settings.PLANWATCH_REVIEW_UPDATES = False  # with review, an editor's wait: test_review_flow
    second = make_commitment(cast.department_a, title="培育新职业")
    user = getattr(cast, who)
    login(client, user)
    response = apply(client, cast.commitment_a, second)
    assert response.status_code == 302
    for commitment in (cast.commitment_a, second):
        stored = Commitment.objects.get(pk=commitment.pk)
        assert (stored.status, stored.progress) == (Status.DONE, 100)
        update = stored.updates.get()
        assert (update.note, update.author) == ("年度考核通过", user)
    assert not StatusUpdate.objects.filter(commitment=cast.commitment_b).exists()


def test_success_is_reported(client, cast):
    login(client, cast.superuser)
    response = client.post(
        CHANGELIST,
        {**select(cast.commitment_a, cast.commitment_b), **UPDATE, "apply": "1"},
        follow=True,
    )
    assert "已为 2 条承诺登记进展" in response.content.decode()


def test_selection_with_another_departments_commitment_is_refused_whole(client, cast):
    login(client, cast.editor_a)
    response = client.post(CHANGELIST, select(cast.commitment_a, cast.commitment_b), follow=True)
    assert "不属于您负责的部门" in response.content.decode()
    assert "审计全覆盖" in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_forged_apply_for_another_department_writes_nothing(client, cast):
    login(client, cast.editor_b)
    response = apply(client, cast.commitment_a, cast.commitment_b)
    assert response.status_code == 302
    assert not StatusUpdate.objects.exists()
    assert Commitment.objects.get(pk=cast.commitment_a.pk).status == Status.NOT_RATED


def test_invalid_update_is_refused_with_400_and_nothing_written(client, cast):
    login(client, cast.editor_a)
    response = apply(client, cast.commitment_a, progress=101)
    assert response.status_code == 400
    assert "progress" in response.context["form"].errors
    assert not StatusUpdate.objects.exists()


def test_a_failure_midway_writes_nothing(client, cast, monkeypatch):
    second = make_commitment(cast.department_a, title="培育新职业")
    original = Commitment.update_status

    def fail_on_second(self, **kwargs):
        if self.pk == second.pk:
            raise RuntimeError("connection lost")
        return original(self, **kwargs)

    monkeypatch.setattr(Commitment, "update_status", fail_on_second)
    login(client, cast.superuser)
    client.raise_request_exception = False
    response = apply(client, cast.commitment_a, second)
    assert response.status_code == 500
    assert not StatusUpdate.objects.exists()
    assert Commitment.objects.get(pk=cast.commitment_a.pk).status == Status.NOT_RATED


def test_anonymous_cannot_run_the_action(client, cast):
    response = apply(client, cast.commitment_a)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not StatusUpdate.objects.exists()
