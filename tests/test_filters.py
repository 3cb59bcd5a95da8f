"""The public list's filters: each returns only the matching commitments, and all of them."""

import re

import pytest
from django.db import connection

from commitments.models import Commitment
from commitments.status import Signal, Status

from .dashboard_data import Dashboard, grow, make_dashboard
from .postgres import planner_without

pytestmark = pytest.mark.django_db

LIST_URL = "/commitments/"


@pytest.fixture(scope="module")
def module_dashboard(module_db):
    # 4 × 6 = 24 commitments: every result fits on the first page.
    return make_dashboard(departments=4, per_department=6)


@pytest.fixture
def dashboard(module_dashboard, db):
    """Written once for the module. A test that adds rows (grow) adds them in its own savepoint,
    and to its own copy of the lists."""
    return Dashboard(
        departments=list(module_dashboard.departments),
        commitments=list(module_dashboard.commitments),
        themes=dict(module_dashboard.themes),
        goals=dict(module_dashboard.goals),
    )


def listed_ids(client, **params):
    """The commitments linked from one page of the list, in their order."""
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return [
        int(pk)
        for pk in re.findall(r'<h3><a href="/commitments/(\d+)/">', response.content.decode())
    ]


def ids_where(predicate):
    return {
        c.pk
        for c in Commitment.objects.prefetch_related("themes", "goals", "targets")
        if predicate(c)
    }


def assert_lists_exactly(client, expected, **params):
    assert expected, "a filter test needs at least one match"
    assert expected != ids_where(lambda c: True), "a filter test needs at least one non-match"
    ids = listed_ids(client, **params)
    assert len(ids) == len(set(ids)), "no commitment is listed twice"
    assert set(ids) == expected
    assert f"共 {len(expected)} 项承诺" in client.get(LIST_URL, params).content.decode()


def test_unfiltered_list_shows_every_commitment_with_its_count(client, dashboard):
    response = client.get(LIST_URL)
    assert set(listed_ids(client)) == {c.pk for c in dashboard.commitments}
    assert f"共 {len(dashboard.commitments)} 项承诺" in response.content.decode()
    assert len(dashboard.commitments) <= 25, "the filter tests read a single page"


def test_department_filter(client, dashboard):
    department = dashboard.departments[1]
    expected = ids_where(lambda c: c.department_id == department.pk)
    assert_lists_exactly(client, expected, department=department.slug)


def test_theme_filter(client, dashboard):
    theme = dashboard.themes["gen-digital"]
    expected = ids_where(lambda c: theme in c.themes.all())
    assert_lists_exactly(client, expected, theme=theme.slug)


def test_goal_filter(client, dashboard):
    goal = dashboard.goals["economy"]
    expected = ids_where(lambda c: goal in c.goals.all())
    assert_lists_exactly(client, expected, goal="economy")


@pytest.mark.parametrize(
    "status", [Status.NOT_RATED, Status.IN_PROGRESS, Status.DONE, Status.ABANDONED]
)
def test_status_filter(client, dashboard, status):
    assert_lists_exactly(client, ids_where(lambda c: c.status == status), status=status.value)


@pytest.mark.parametrize("signal", list(Signal))
def test_signal_filter_matches_the_signal_shown(client, dashboard, signal):
    assert_lists_exactly(client, ids_where(lambda c: c.signal == signal), signal=signal.value)


@pytest.mark.parametrize("value, present", [("yes", True), ("no", False)])
def test_has_target_filter(client, dashboard, value, present):
    expected = ids_where(lambda c: bool(c.targets.all()) == present)
    assert_lists_exactly(client, expected, has_target=value)


@pytest.mark.parametrize(
    "query, phrase", [("乡村振兴", "乡村振兴"), ("数字政府", "数字政府"), ("企业上市", "企业上市")]
)
def test_keyword_search_finds_the_commitments_that_say_it(client, dashboard, query, phrase):
    assert_lists_exactly(client, ids_where(lambda c: phrase in c.text), q=query)


def test_keyword_search_requires_every_word(client, dashboard):
    expected = ids_where(lambda c: "金融" in c.text and "上市" in c.text)
    assert_lists_exactly(client, expected, q="金融 上市")
    assert listed_ids(client, q="金融 物流") == []


def test_filters_combine(client, dashboard):
    department = Commitment.objects.filter(status=Status.DONE).first().department
    expected = ids_where(lambda c: c.department_id == department.pk and c.status == Status.DONE)
    assert_lists_exactly(client, expected, department=department.slug, status="done")


def test_no_result_shows_an_intentional_empty_state(client, dashboard):
    response = client.get(LIST_URL, {"q": "量子计算"})
    assert response.status_code == 200
    assert "没有符合条件的承诺" in response.content.decode()
    assert "共 0 项承诺" in response.content.decode()


@pytest.mark.parametrize(
    "sort, key, reverse",
    [
        ("-progress", lambda c: c.progress, True),
        ("progress", lambda c: c.progress, False),
        ("due_date", lambda c: c.due_date, False),
        ("-updated", lambda c: c.last_reported_on or c.created_at.date(), True),
    ],
)
def test_sorting(client, dashboard, sort, key, reverse):
    ids = listed_ids(client, sort=sort)
    by_id = Commitment.objects.in_bulk(ids)
    values = [key(by_id[pk]) for pk in ids]
    assert values == sorted(values, reverse=reverse)
    assert len(set(values)) > 1


def test_filter_state_is_kept_in_the_url_of_every_page(client, dashboard):
    grow(dashboard, times=10)
    theme = dashboard.themes["gen-rural"]
    total = Commitment.objects.filter(themes=theme).count()
    first = client.get(LIST_URL, {"theme": theme.slug, "sort": "progress"})
    html = first.content.decode()
    assert total > 25
    assert f"共 {total} 项承诺" in html
    assert "?theme=gen-rural&amp;sort=progress&amp;page=2" in html
    seen = []
    for number in range(1, first.context["page"].paginator.num_pages + 1):
        seen += listed_ids(client, theme=theme.slug, sort="progress", page=number)
    assert sorted(seen) == sorted(
        Commitment.objects.filter(themes=theme).values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    "params",
    [
        {"department": "不存在的局"},
        {"theme": "no-such-theme"},
        {"goal": "moon"},
        {"status": "finished"},
        {"signal": "purple"},
        {"has_target": "maybe"},
        {"sort": "-id; DROP TABLE"},
        {"q": "长" * 101},
    ],
)
def test_malformed_filter_gives_the_page_with_a_message_and_400(client, dashboard, params):
    response = client.get(LIST_URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "筛选条件无效" in html
    assert 'class="commitment-card"' not in html


@pytest.mark.parametrize("params", [{"q": "乡村\x00振兴"}, {"department": "审计\x00局"}])
def test_a_nul_in_a_filter_is_refused_before_the_list(client, dashboard, params):
    # planwatch.middleware.RejectNulMiddleware answers before any view (tests/test_hostile_paths.py).
    response = client.get(LIST_URL, params)
    assert response.status_code == 400
    assert 'class="commitment-card"' not in response.content.decode()


def test_the_list_stops_after_max_pages_and_says_how_many_it_holds(client, dashboard, monkeypatch):
    monkeypatch.setattr("dashboards.views.MAX_PAGES", 2)
    grow(dashboard, times=3)
    total = Commitment.objects.count()
    assert total > 2 * 25
    html = client.get(LIST_URL, {"page": 9}).content.decode()
    assert "第 2 / 2 页" in html and 'rel="next"' not in html
    assert f"共 {total} 项，这里列出前 50 项。" in html
    assert len(listed_ids(client, page=9)) == 25
    assert "这里列出前" not in client.get(LIST_URL, {"theme": "gen-rural"}).content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "9999"])
def test_bad_page_number_falls_back_to_a_real_page(client, dashboard, page):
    response = client.get(LIST_URL, {"page": page})
    assert response.status_code == 200
    assert response.context["page"].object_list


def test_markup_in_the_query_is_shown_escaped(client, dashboard):
    response = client.get(LIST_URL, {"q": '<script>alert("x")</script>'})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_filter_labels_are_chinese(client, dashboard):
    html = client.get(LIST_URL).content.decode()
    for label in ["关键词", "部门", "主题", "五个中心", "状态", "督办信号", "量化目标", "排序"]:
        assert f">{label}</label>" in html


@pytest.mark.postgres
def test_keyword_search_on_postgresql_uses_the_gin_index(dashboard):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index exists on PostgreSQL only")
    # Only bitmap scans left to the planner, and no joins: the commitments can then be read only
    # through an index whose expression the search condition matches, or by the (disabled) full
    # scan. With joins, the planner may reach commitments through another index and filter them.
    with planner_without("seqscan", "indexscan"):
        plan = Commitment.objects.search("乡村振兴").order_by().values("pk").explain()
    assert "Bitmap Index Scan on commitment_search_tokens" in plan


def schedule_lags():
    """Each commitment's lag behind 序时进度, computed in Python from the rule."""
    from django.utils import timezone

    from commitments.models import elapsed_percent

    today = timezone.localdate()
    return {
        c.pk: elapsed_percent(c.article.plan.start_date, c.due_date, today) - c.progress
        for c in Commitment.objects.select_related("article__plan")
    }


@pytest.mark.parametrize("lag", [-100, 0, 50, 95])
def test_lag_filter_keeps_commitments_lagging_at_least_that_far(client, dashboard, lag):
    lags = schedule_lags()
    expected = {pk for pk, value in lags.items() if value >= lag}
    assert set(listed_ids(client, lag=lag)) == expected


def test_lag_filter_and_sort_select_the_furthest_behind_first(client, dashboard):
    lags = schedule_lags()
    ids = listed_ids(client, sort="-lag")
    assert [lags[pk] for pk in ids] == sorted(lags.values(), reverse=True)[: len(ids)]


@pytest.mark.parametrize("value", ["abc", "101", "-101", "NaN"])
def test_malformed_lag_is_a_400(client, dashboard, value):
    assert client.get(LIST_URL, {"lag": value}).status_code == 400


def test_plan_filter_keeps_the_plans_commitments(client, dashboard):
    assert len(listed_ids(client, plan="wuhan-14th")) == len(dashboard.commitments)
    assert listed_ids(client, plan="wuhan-15th") == []
