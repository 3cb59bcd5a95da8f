"""The end-of-term account: outcomes per plan and per department, against hand-counted data."""

import re

import pytest
from django.core.cache import cache

from commitments.account import account
from commitments.models import Commitment, Plan
from commitments.status import Status

from .factories import make_article, make_commitment, make_department

pytestmark = pytest.mark.django_db

# Hand-counted: 审计局 8 commitments (2 done, 1 partial, 3 unfinished, 1 abandoned, 1 unrated),
# 水务局 3 (1 done, 2 unrated); a 十五五 commitment that must not count.
AUDIT = [Status.DONE, Status.DONE, Status.PARTIAL, Status.STALLED, Status.IN_PROGRESS,
         Status.NOT_STARTED, Status.ABANDONED, Status.NOT_RATED]
WATER = [Status.DONE, Status.NOT_RATED, Status.NOT_RATED]


def typical_progress(status):
    """30 %, or the nearest progress the status allows (已完成 100, 待评估 and 未启动 0)."""
    low, high = Status(status).progress_range
    return min(max(30, low), high)


@pytest.fixture
def term():
    plan = Plan.objects.get(slug="wuhan-14th")
    article = make_article(plan=plan)
    audit = make_department(name="市审计局", order=1)
    water = make_department(name="市水务局", order=2)
    for department, statuses in [(audit, AUDIT), (water, WATER)]:
        for n, status in enumerate(statuses):
            make_commitment(
                department, article, title=f"{department.name}承诺{n}{status}", status=status,
                progress=typical_progress(status),
            )
    later = make_article(plan=Plan.objects.get(slug="wuhan-15th"))
    make_commitment(audit, later, title="十五五的承诺", status=Status.NOT_RATED)
    return plan


def counts(row):
    return {key: row[key] for key in ["total", "done", "partial", "stalled", "abandoned",
                                      "unrated", "kept"]}


def test_account_figures_match_the_hand_count(term):
    totals, departments = account(Commitment.objects.for_plan(term))
    assert counts(totals) == {"total": 11, "done": 3, "partial": 1, "stalled": 3,
                              "abandoned": 1, "unrated": 3, "kept": 27.3}
    assert [row["department__name"] for row in departments] == ["市审计局", "市水务局"]
    assert counts(departments[0]) == {"total": 8, "done": 2, "partial": 1, "stalled": 3,
                                      "abandoned": 1, "unrated": 1, "kept": 25.0}
    assert counts(departments[1]) == {"total": 3, "done": 1, "partial": 0, "stalled": 0,
                                      "abandoned": 0, "unrated": 2, "kept": 33.3}


def cells(html, section):
    block = html.split(section, 1)[1].split("</table>", 1)[0]
    return [int(n) if n.isdigit() else n for n in re.findall(r"<td[^>]*>([^<]*)</td>", block)]


def test_account_page_shows_the_figures_per_department_and_the_unrated(client, term):
    response = client.get("/plans/wuhan-14th/account/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "十四五规划期末账本" in html and "已收官" in html
    assert cells(html, 'class="account-totals"') == [11, 3, 1, 3, 1, 3, "27.3%"]
    assert cells(html, 'class="account-department"') == [8, 2, 1, 3, 1, 1, "25.0%"]
    unrated = html.split('class="account-unrated"', 1)[1]
    assert "从未评估的承诺 <small>(3)</small>" in unrated
    assert unrated.count("<li>") == 3
    assert "市审计局承诺7not_rated" in unrated and "市水务局承诺1not_rated" in unrated
    assert "十五五的承诺" not in html


def test_account_of_a_plan_without_commitments_says_so(client):
    html = client.get("/plans/wuhan-15th/account/").content.decode()
    assert "这一规划尚无承诺" in html


def test_account_page_costs_the_same_queries_at_ten_times_the_data(
    client, term, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        client.get("/plans/wuhan-14th/account/")
    article = make_article(plan=term)
    for n in range(10):
        department = make_department()
        for status in AUDIT:
            make_commitment(department, article, status=status, progress=typical_progress(status))
    cache.clear()
    with django_assert_max_num_queries(6):
        assert client.get("/plans/wuhan-14th/account/").status_code == 200


def test_the_stylesheet_prints_the_account_on_a4_a_department_a_page(client):
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/planwatch.css"), encoding="utf-8").read()
    printing = css.split("@media print", 1)[1]
    assert "size: A4" in css
    assert "break-before: page" in printing and ".account-department" in printing
    assert "Noto Serif CJK SC" in printing or "SimSun" in printing
