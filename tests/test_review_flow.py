"""Review before publication: an editor's update waits (待审核) until a reviewer approves it."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from commitments.models import Commitment, StatusUpdate
from commitments.status import Review, Status
from departments.models import is_reviewer

from .admin_pages import change_url, login
from .admin_pages import UPDATE, record_url

QUEUE = reverse("admin:commitments_statusupdate_changelist")


def review_url(update):
    return reverse("admin:commitments_statusupdate_review", args=[update.pk])


@pytest.fixture
def pending(client, cast):
    login(client, cast.editor_a)
    response = client.post(record_url(cast.commitment_a), UPDATE, follow=True)
    assert "已提交进展，待审核后公开" in response.content.decode()
    client.logout()
    return StatusUpdate.objects.get()


def test_review_is_on_by_default(settings):
    assert settings.PLANWATCH_REVIEW_UPDATES is True


def test_editors_update_is_pending_hidden_from_the_public_and_not_counted(client, cast, pending):
    assert pending.review == Review.PENDING
    stored = Commitment.objects.get(pk=cast.commitment_a.pk)
    assert (stored.status, stored.progress, stored.last_reported_on) == (Status.NOT_RATED, 0, None)
    for url in [cast.commitment_a.get_absolute_url(), "/", reverse("commitments:feed")]:
        assert "已出台实施方案" not in client.get(url).content.decode()


def test_staff_see_the_pending_update_on_the_commitment_page(client, cast, pending):
    login(client, cast.editor_b)
    page = client.get(change_url(cast.commitment_a)).content.decode()
    assert "已出台实施方案" in page and "待审核" in page


def test_reviewer_queue_lists_pending_updates(client, cast, reviewer, pending):
    cast.commitment_b.update_status(status=Status.STALLED, progress=10)  # published, no author
    login(client, reviewer)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert [u.pk for u in response.context["cl"].result_list] == [pending.pk]
    assert review_url(pending) in response.content.decode()


def test_approval_publishes_and_counts_the_update(client, cast, reviewer, pending):
    login(client, reviewer)
    response = client.post(review_url(pending), {"decision": "approve"})
    assert response.status_code == 302
    stored = Commitment.objects.get(pk=cast.commitment_a.pk)
    assert (stored.status, stored.progress) == (Status.IN_PROGRESS, 40)
    update = StatusUpdate.objects.get(pk=pending.pk)
    assert (update.review, update.reviewed_by) == (Review.PUBLISHED, reviewer)
    client.logout()
    assert "已出台实施方案" in client.get(cast.commitment_a.get_absolute_url()).content.decode()


def test_return_needs_a_comment_the_editor_then_sees(client, cast, reviewer, pending):
    login(client, reviewer)
    assert client.post(review_url(pending), {"decision": "return"}).status_code == 400
    assert StatusUpdate.objects.get(pk=pending.pk).review == Review.PENDING
    response = client.post(review_url(pending), {"decision": "return", "comment": "请补充佐证文件"})
    assert response.status_code == 302
    assert StatusUpdate.objects.get(pk=pending.pk).review == Review.RETURNED
    assert Commitment.objects.get(pk=cast.commitment_a.pk).status == Status.NOT_RATED
    login(client, cast.editor_a)
    page = client.get(change_url(cast.commitment_a)).content.decode()
    assert "已退回" in page and "请补充佐证文件" in page


@pytest.mark.parametrize("who", ["editor_a", "editor_b"])
def test_editors_cannot_approve(client, cast, pending, who):
    login(client, getattr(cast, who))
    assert client.post(review_url(pending), {"decision": "approve"}).status_code == 403
    assert StatusUpdate.objects.get(pk=pending.pk).review == Review.PENDING


def test_reviewers_and_superusers_publish_at_once(client, cast, reviewer):
    for user in [reviewer, cast.superuser]:
        login(client, user)
        assert client.post(record_url(cast.commitment_b), UPDATE).status_code == 302
    assert set(StatusUpdate.objects.values_list("review", flat=True)) == {Review.PUBLISHED}


def test_with_the_setting_off_an_editors_update_is_public_at_once(client, cast, settings):
    settings.PLANWATCH_REVIEW_UPDATES = False
    login(client, cast.editor_a)
    client.post(record_url(cast.commitment_a), UPDATE)
    assert StatusUpdate.objects.get().review == Review.PUBLISHED
    assert Commitment.objects.get(pk=cast.commitment_a.pk).progress == 40


def test_create_reviewer_is_repeatable_and_makes_a_staff_reviewer(cast):
    out = StringIO()
    call_command("create_reviewer", "shen", "--password", "Kx8!pw-审核-2025", stdout=out)
    call_command("create_reviewer", "shen", stdout=out)
    user = get_user_model().objects.get(username="shen")
    assert user.is_staff and not user.is_superuser and is_reviewer(user)
    assert user.check_password("Kx8!pw-审核-2025")
    assert "已创建审核人员 shen" in out.getvalue() and "已更新审核人员 shen" in out.getvalue()
