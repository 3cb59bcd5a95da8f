"""The overview, department and goal pages: what they show, with data and without."""

import json
import re
from urllib.parse import quote, urlencode

import pytest
from django.utils import timezone

from commitments.models import Commitment, Goal, Plan, Statement
from commitments.status import Status

from .dashboard_data import make_dashboard
from .factories import make_department

pytestmark = pytest.mark.django_db


@pytest.fixture
def dashboard():
    return make_dashboard(departments=3, per_department=7)


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def figure(html, chart_id):
    match = re.search(
        rf'<script id="{chart_id}-figure" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, f"{chart_id} is on the page"
    return json.loads(match.group(1))


def test_overview_totals_and_charts(client, dashboard):
    html = html_of(client.get("/"))
    commitments = dashboard.commitments
    done = sum(c.status == Status.DONE for c in commitments)
    mean = round(sum(c.progress for c in commitments) / len(commitments))
    assert f'<span class="stat-value">{len(commitments)}</span>' in html
    assert f'<span class="stat-value">{mean}%</span>' in html
    assert f'<span class="stat-value">{done}</span>' in html
    status = figure(html, "chart-status")["data"][0]
    assert sum(status["values"]) == len(commitments)
    # The overview is the 十四五's, the plan of the generated data: every link stays within it.
    assert all(
        url.startswith("/commitments/?plan=wuhan-14th&status=") for url in status["customdata"]
    )
    goals = figure(html, "chart-goals")["data"][0]
    assert goals["y"] == [goal.name for goal in Goal.objects.order_by("order")]
    assert goals["customdata"][0] == "/commitments/?plan=wuhan-14th&goal=economy"
    departments = figure(html, "chart-departments")["data"][0]
    assert len(departments["y"]) == len(dashboard.departments)
    plan = figure(html, "chart-plan")["data"][0]
    elapsed = Plan.objects.get(slug="wuhan-14th").elapsed_percent(timezone.localdate())
    assert plan["x"] == [elapsed, mean]


def test_overview_loads_plotly_from_static_and_no_inline_script(client, dashboard):
    html = html_of(client.get("/"))
    assert '<script src="/static/vendor/plotly/plotly-basic.min.js" defer></script>' in html
    assert "cdn" not in html.lower()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all('src="' in attrs or 'type="application/json"' in attrs for attrs in scripts)


def test_every_chart_has_a_table_fallback(client, dashboard):
    html = html_of(client.get("/"))
    for chart_id in ["chart-plan", "chart-status", "chart-goals", "chart-departments"]:
        figure_block = html.split(f'id="{chart_id}-title"')[1].split("</figure>")[0]
        assert "<table>" in figure_block
    assert '<a href="/commitments/?plan=wuhan-14th&amp;goal=economy">' in html


def test_overview_lists_latest_updates(client, dashboard):
    html = html_of(client.get("/"))
    latest = Commitment.objects.exclude(last_reported_on=None).order_by("-last_reported_on").first()
    assert "最新进展" in html
    assert latest.updates.first().note in html


def test_overview_without_data_has_intentional_empty_states(client):
    html = html_of(client.get("/"))
    assert "尚无承诺" in html
    assert "尚无进展更新" in html
    assert "plotly" not in html


def test_pages_without_charts_load_no_plotly(client, dashboard):
    for url in ["/departments/", "/commitments/", dashboard.commitments[0].get_absolute_url()]:
        assert "plotly" not in html_of(client.get(url))


def test_department_list_shows_official_count_and_progress(client, dashboard):
    html = html_of(client.get("/departments/"))
    for department in dashboard.departments:
        assert department.get_absolute_url() in html
        assert department.officials.get().name in html
    assert html.count("7 项承诺") == len(dashboard.departments)


def test_department_page_groups_commitments_by_status(client, dashboard):
    department = dashboard.departments[0]
    mine = [c for c in dashboard.commitments if c.department_id == department.pk]
    html = html_of(client.get(department.get_absolute_url()))
    assert "党组书记、局长" in html
    statuses = [status for status in Status if any(c.status == status for c in mine)]
    headings = re.findall(r"<h2>(.+?) <small>\((\d+)\)</small></h2>", html)
    assert headings == [(str(s.label), str(sum(c.status == s for c in mine))) for s in statuses]
    for commitment in mine:
        assert commitment.get_absolute_url() in html
    themes = figure(html, "chart-themes")["data"][0]
    in_department = urlencode({"department": department.slug})
    assert themes["customdata"] and all(in_department in url for url in themes["customdata"])


def test_department_page_shows_the_headline(client, dashboard):
    commitment = dashboard.commitments[0]
    Statement.objects.create(
        article=commitment.article,
        department=commitment.department,
        official=commitment.official,
        headline="为建设现代化大武汉尽职尽责",
    )
    assert "为建设现代化大武汉尽职尽责" in html_of(
        client.get(commitment.department.get_absolute_url())
    )


def test_department_slug_in_chinese_resolves(client, dashboard):
    department = make_department(name="市审计局")
    assert department.get_absolute_url() == "/departments/%E5%AE%A1%E8%AE%A1%E5%B1%80/"
    html = html_of(client.get("/departments/审计局/"))
    assert "这个部门尚无承诺" in html


def test_goal_page_shows_commitments_with_their_keywords(client, dashboard):
    html = html_of(client.get("/goals/innovation/"))
    linked = Commitment.objects.filter(goals__slug="innovation")
    assert linked.exists()
    for commitment in linked:
        assert commitment.get_absolute_url() in html
    assert "<mark>科技</mark> <mark>创新</mark>" in html
    unlinked = Commitment.objects.exclude(goals__slug="innovation").first()
    assert f'href="{unlinked.get_absolute_url()}"' not in html
    departments = figure(html, "chart-departments")["data"][0]
    assert all("goal=innovation" in url for url in departments["customdata"])


def test_goal_page_without_commitments_says_so(client):
    html = html_of(client.get("/goals/finance/"))
    assert "尚无与这一目标相关的承诺" in html


@pytest.mark.parametrize(
    "url", ["/goals/moon/", "/departments/不存在/", "/commitments/999999/", "/articles/999999/"]
)
def test_unknown_objects_are_404(client, url):
    assert client.get(url).status_code == 404


def test_long_department_and_goal_pages_list_the_first_and_link_to_all(client):
    dashboard = make_dashboard(departments=1, per_department=200)
    department = dashboard.departments[0]
    html = html_of(client.get(department.get_absolute_url()))
    assert html.count('class="commitment-card"') == 60
    assert "共 200 项，这里列出前 60 项。" in html
    assert f'href="/commitments/?department={quote(department.slug)}"' in html
    total = Commitment.objects.filter(goals__slug="economy").count()
    html = html_of(client.get("/goals/economy/"))
    assert total > 60
    assert html.count('class="commitment-card"') == 60
    assert f"共 {total} 项，这里列出前 60 项。" in html


def test_language_switch_turns_the_page_to_english_and_back(client, dashboard):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/goals/innovation/"}, follow=True
    )
    html = html_of(response)
    assert '<html lang="en">' in html
    assert "<h1>National Science &amp; Technology Innovation Centre</h1>" in html
    assert 'value="zh-hans"' in html
    html = html_of(client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}, follow=True))
    assert '<html lang="zh-hans">' in html and 'value="en"' in html
