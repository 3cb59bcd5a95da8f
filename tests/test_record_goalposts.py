"""Goalposts: only reviewers move a due date, title, theme, goal or target, with a public reason."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Amendment, Commitment, Goal
from commitments.status import Signal, Status

from .factories import make_theme
from .admin_pages import change_form_data, change_url, login

pytestmark = pytest.mark.django_db


def edit_as(client, user, commitment, **changes):
    login(client, user)
    data = change_form_data(client.get(change_url(commitment)))
    data.update(changes)
    return client.post(change_url(commitment), data)


def test_reviewer_moves_the_due_date_with_a_reason_shown_publicly(client, cast, reviewer):
    response = edit_as(
        client, reviewer, cast.commitment_a, due_date="2030-12-31", change_reason="国家规划调整"
    )
    assert response.status_code == 302
    assert Commitment.objects.get(pk=cast.commitment_a.pk).due_date == datetime.date(2030, 12, 31)
    amendment = Amendment.objects.get()
    assert (amendment.field, amendment.author) == ("due_date", reviewer)
    sentence = "截止日期由 2025-12-31 调整为 2030-12-31：国家规划调整"
    assert amendment.sentence == sentence
    client.logout()
    assert sentence in client.get(cast.commitment_a.get_absolute_url()).content.decode()
    assert sentence in client.get(reverse("commitments:feed")).content.decode()


def test_moving_a_goalpost_without_a_reason_is_refused(client, cast, reviewer):
    response = edit_as(client, reviewer, cast.commitment_a, due_date="2030-12-31")
    assert response.status_code == 400
    assert "必须填写理由" in response.content.decode()
    assert Commitment.objects.get(pk=cast.commitment_a.pk).due_date == datetime.date(2025, 12, 31)
    assert not Amendment.objects.exists()


def test_title_and_theme_changes_are_recorded_one_by_one(client, cast, reviewer):
    theme = make_theme(name="就业创业")
    response = edit_as(
        client, reviewer, cast.commitment_a, title="稳定和扩大高质量就业", themes=[theme.pk],
        change_reason="与市政府文件表述一致",
    )
    assert response.status_code == 302
    assert {(a.field, a.old_value, a.new_value) for a in Amendment.objects.all()} == {
        ("title", "稳定和扩大就业", "稳定和扩大高质量就业"),
        ("themes", "", "就业创业"),
    }


def test_goal_changes_need_the_reason_too(client, cast, reviewer):
    goal = Goal.objects.get(slug="finance")
    login(client, reviewer)
    data = change_form_data(client.get(change_url(cast.commitment_a)))
    data.update({"goal_links-TOTAL_FORMS": "1", "goal_links-0-goal": goal.pk,
                 "goal_links-0-keywords": '["金融"]'})
    assert client.post(change_url(cast.commitment_a), data).status_code == 400
    assert not cast.commitment_a.goals.exists()
    response = client.post(change_url(cast.commitment_a), {**data, "change_reason": "补充关联"})
    assert response.status_code == 302
    assert Amendment.objects.get().new_value == str(goal)


def test_an_editor_cannot_flip_overdue_to_on_time(client, cast):
    """The case of the issue: 2030-12-31 turned a 0 % overdue commitment green, untraced."""
    cast.commitment_a.update_status(
        status=Status.NOT_STARTED, progress=0, reported_on=datetime.date(2025, 6, 1)
    )
    response = edit_as(client, cast.editor_a, cast.commitment_a, due_date="2030-12-31",
                       change_reason="延期")
    assert response.status_code == 403
    stored = Commitment.objects.with_signal(datetime.date(2026, 3, 1)).get(pk=cast.commitment_a.pk)
    assert stored.due_date == datetime.date(2025, 12, 31) and stored.signal == Signal.RED
    assert not Amendment.objects.exists()
