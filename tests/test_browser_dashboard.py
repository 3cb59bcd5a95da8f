"""In headless Chromium: the overview's plotly charts render, and the list's filters work.

The tests only read: one live server serves them all, with the dashboard's rows committed once
for the module (its thread reads only committed rows) and flushed after the module's last test.
"""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import modify_settings
from pytest_django.live_server_helper import LiveServer

from commitments.models import Commitment

from .dashboard_data import make_dashboard

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            # One site is visited: a renderer process per site (site isolation) buys nothing.
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-site-isolation-trials"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    context.close()


@pytest.fixture(scope="module")
def site(browser, committed_module_db):
    """(the live server's URL, the dashboard), for every test of the module.

    Set up after the browser: what runs after Playwright's sync API has started has database
    connections of its own, and the rows must be written, read and flushed on the same one.
    """
    dashboard = make_dashboard(departments=3, per_department=6)
    with modify_settings(ALLOWED_HOSTS={"append": "localhost"}):
        server = LiveServer("localhost")
        try:
            yield server.url, dashboard
        finally:
            server.stop()


@pytest.fixture
def live_url(site):
    return site[0]


@pytest.fixture
def dashboard(site):
    return site[1]


def test_overview_charts_render_as_plotly_svg(live_url, page, dashboard):
    page.goto(f"{live_url}/")
    for chart in ["chart-plan", "chart-status", "chart-goals", "chart-departments"]:
        page.wait_for_selector(f"#{chart} .main-svg", timeout=15_000)
    assert page.locator(".chart.has-chart").count() == 4
    assert page.locator("#chart-goals .point").count() == 5
    assert not page.locator("details.chart-table[open]").count(), "tables fold away once drawn"
    assert page.errors == []


def test_clicking_a_bar_opens_the_list_filtered_to_it(live_url, page, dashboard):
    page.goto(f"{live_url}/")
    bar = page.wait_for_selector("#chart-goals .point path", timeout=15_000)
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/commitments/?*goal=economy*")  # and the overview's plan
    expected = Commitment.objects.filter(goals__slug="economy").count()
    assert page.locator(".commitment-card").count() == expected


def test_choosing_a_theme_changes_the_list(live_url, page, dashboard):
    page.goto(f"{live_url}/commitments/")
    assert page.locator(".commitment-card").count() == len(dashboard.commitments)
    page.select_option("#id_theme", "gen-digital")
    page.wait_for_url("**/commitments/?*theme=gen-digital*")
    expected = Commitment.objects.filter(themes__slug="gen-digital")
    cards = page.locator(".commitment-card")
    assert 0 < cards.count() == expected.count() < len(dashboard.commitments)
    for index in range(cards.count()):
        assert "数字政府" in cards.nth(index).locator(".tag.theme").inner_text()
    assert page.locator("#id_theme").input_value() == "gen-digital"
    assert page.errors == []


def test_clicking_a_status_slice_opens_the_list_of_that_status(live_url, page, dashboard):
    page.goto(f"{live_url}/")
    page.wait_for_selector("#chart-status .main-svg", timeout=15_000)
    first_slice = page.locator("#chart-status g.slice path.surface").first
    first_slice.click()
    page.wait_for_url("**/commitments/?*status=*")
    status = parse_qs(urlsplit(page.url).query)["status"][0]
    assert page.locator(".commitment-card").count() == Commitment.objects.filter(status=status).count()
    assert page.locator(f".commitment-card .badge.status-{status}").count() > 0
