"""The commitments changelist: its columns, filters and search, at a fixed number of queries."""

import datetime

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, CommitmentGoal, Goal
from commitments.status import Status

from .admin_pages import login
from .factories import make_commitment, make_department, make_theme

CHANGELIST = reverse("admin:commitments_commitment_changelist")
DAY = datetime.timedelta(days=1)


def listed(client, **params):
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    return {commitment.title for commitment in response.context["cl"].result_list}


def test_columns_show_status_progress_due_date_last_update_and_signal(client, cast):
    Commitment.objects.update(due_date=timezone.localdate() + DAY)
    cast.commitment_a.update_status(
        status=Status.IN_PROGRESS, progress=45, reported_on=timezone.localdate() - 3 * DAY
    )
    login(client, cast.editor_a)
    page = client.get(CHANGELIST).content.decode()
    for header in ["状态", "进度", "截止日期", "最近更新", "督办信号"]:
        assert header in page
    assert "推进中" in page and "45%" in page
    assert 'class="signal signal-green" style="color: #2f7d4a">●</span> 正常' in page


def test_filter_by_department_status_goal_and_theme(client, cast):
    theme = make_theme(name="就业")
    cast.commitment_a.themes.add(theme)
    CommitmentGoal.objects.create(
        commitment=cast.commitment_b, goal=Goal.objects.get(slug="finance"), keywords=["金融"]
    )
    cast.commitment_b.update_status(status=Status.STALLED, progress=10)
    login(client, cast.editor_a)
    assert listed(client, department__id__exact=cast.department_a.pk) == {"稳定和扩大就业"}
    assert listed(client, status__exact=Status.STALLED) == {"审计全覆盖"}
    assert listed(client, goals__id__exact=Goal.objects.get(slug="finance").pk) == {"审计全覆盖"}
    assert listed(client, themes__id__exact=theme.pk) == {"稳定和扩大就业"}


def test_filter_overdue(client, cast):
    Commitment.objects.update(due_date=timezone.localdate())
    late = make_commitment(cast.department_a, title="逾期未完成", due_date=timezone.localdate() - DAY)
    late.update_status(status=Status.IN_PROGRESS, progress=10)
    done = make_commitment(cast.department_a, title="逾期但已完成", due_date=timezone.localdate() - DAY)
    done.update_status(status=Status.DONE, progress=100)
    # 待评估 is never overdue: nobody has said it is not done.
    unrated = make_commitment(cast.department_a, title="逾期待评估", due_date=timezone.localdate() - DAY)
    login(client, cast.superuser)
    assert listed(client, overdue="yes") == {late.title}
    assert listed(client, overdue="no") == {"稳定和扩大就业", "审计全覆盖", done.title, unrated.title}


def test_search_finds_title_text_department_and_official(client, cast):
    login(client, cast.superuser)
    assert listed(client, q="扩大就业") == {"稳定和扩大就业"}
    assert listed(client, q="审计局") == {"审计全覆盖"}
    assert listed(client, q=cast.commitment_a.official.name) == {"稳定和扩大就业"}


def test_unknown_filter_values_do_not_fail(client, cast):
    login(client, cast.superuser)
    assert listed(client, signal="purple") == {"稳定和扩大就业", "审计全覆盖"}
    assert listed(client, overdue="maybe") == {"稳定和扩大就业", "审计全覆盖"}


def test_changelist_costs_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    for n in range(30):
        department = make_department()
        commitment = make_commitment(department, title=f"承诺{n}")
        commitment.themes.add(make_theme())
        commitment.update_status(status=Status.IN_PROGRESS, progress=n + 1)
    login(client, cast.editor_a)
    # One more than before review: whether the user is a reviewer (changes the page's actions).
    with django_assert_max_num_queries(11):
        response = client.get(CHANGELIST, {"mine": ""})  # all departments, not only editor_a's
    assert len(response.context["cl"].result_list) == 32
    with django_assert_max_num_queries(11):
        client.get(CHANGELIST, {"signal": "green", "overdue": "no", "q": "承诺"})


@pytest.mark.parametrize(
    "name",
    ["article", "statement", "commitment", "commitmentgoal", "target", "statusupdate", "goal",
     "theme"],
)
@pytest.mark.parametrize("who", ["superuser", "editor_a"])
def test_every_commitments_model_has_an_admin_staff_can_read(client, cast, name, who):
    login(client, getattr(cast, who))
    assert client.get(reverse(f"admin:commitments_{name}_changelist")).status_code == 200


@pytest.mark.parametrize("name", ["department", "official"])
@pytest.mark.parametrize("who", ["superuser", "editor_a"])
def test_every_departments_model_has_an_admin_staff_can_read(client, cast, name, who):
    login(client, getattr(cast, who))
    assert client.get(reverse(f"admin:departments_{name}_changelist")).status_code == 200


def test_superuser_assigns_editors_on_the_department_page(client, cast):
    login(client, cast.superuser)
    url = reverse("admin:departments_department_change", args=[cast.department_b.pk])
    response = client.post(url, {
        "name": cast.department_b.name, "aliases": "[]", "slug": cast.department_b.slug,
        "order": cast.department_b.order, "editors": [cast.editor_a.pk, cast.editor_b.pk],
        "officials-TOTAL_FORMS": 0, "officials-INITIAL_FORMS": 0,
    })
    assert response.status_code == 302
    assert cast.department_b.is_editable_by(cast.editor_a)


@pytest.mark.parametrize(
    "name",
    # Goal links and targets are added on the commitment's page, with a reason (goalposts).
    ["commitments_article", "commitments_statement", "commitments_commitment",
     "commitments_goal", "commitments_theme", "departments_department", "departments_official"],
)
def test_superuser_add_pages_render(client, cast, name):
    login(client, cast.superuser)
    assert client.get(reverse(f"admin:{name}_add")).status_code == 200


def test_every_admin_form_reads_a_link_without_a_scheme_as_https(rf, cast):
    request = rf.get("/admin/")
    request.user = cast.superuser
    links = []
    for model, model_admin in admin.site._registry.items():
        for name, field in model_admin.get_form(request)().fields.items():
            if isinstance(field, forms.URLField):
                assert field.clean("example.gov.cn/r") == "https://example.gov.cn/r", (model, name)
                links.append(f"{model._meta.label}.{name}")
    assert {"commitments.Article.url", "evidence.TargetObservation.source_url"} <= set(links)
