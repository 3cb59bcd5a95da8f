"""Atom feeds of one department's and one goal's status updates."""

import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest

from commitments.models import StatusUpdate

from .dashboard_data import make_dashboard

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def dashboard():
    return make_dashboard(departments=3, per_department=7)


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ["id", "title", "updated"]:
        assert feed.find(f"{ATOM}{required}").text
    return feed, feed.findall(f"{ATOM}entry")


def linked_ids(items):
    return sorted(
        int(entry.find(f"{ATOM}link").get("href").split("/commitments/")[1].split("/")[0])
        for entry in items
    )


def test_department_feed_holds_that_departments_updates_only(client, dashboard):
    department = dashboard.departments[1]
    feed, items = entries(client, f"/feeds/departments/{quote(department.slug)}/")
    updates = StatusUpdate.objects.filter(commitment__department=department)
    assert len(items) == updates.count() > 0
    assert linked_ids(items) == sorted(updates.values_list("commitment_id", flat=True))
    assert department.name in feed.find(f"{ATOM}title").text
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href").endswith(
        department.get_absolute_url()
    )
    assert {entry.find(f"{ATOM}author/{ATOM}name").text for entry in items} == {department.name}


def test_goal_feed_holds_the_updates_of_the_goals_commitments_only(client, dashboard):
    feed, items = entries(client, "/feeds/goals/finance/")
    updates = StatusUpdate.objects.filter(commitment__goals__slug="finance")
    assert len(items) == updates.count() > 0
    assert linked_ids(items) == sorted(updates.values_list("commitment_id", flat=True))
    assert "区域金融中心" in feed.find(f"{ATOM}title").text
    assert len(items) < StatusUpdate.objects.count()


def test_unknown_department_or_goal_feed_is_404(client, dashboard):
    assert client.get("/feeds/departments/nowhere/").status_code == 404
    assert client.get("/feeds/goals/nowhere/").status_code == 404


def test_department_and_goal_pages_link_their_feeds(client, dashboard):
    department = dashboard.departments[0]
    page = client.get(department.get_absolute_url()).content.decode()
    assert f'href="/feeds/departments/{quote(department.slug)}/"' in page
    assert 'href="/feeds/goals/economy/"' in client.get("/goals/economy/").content.decode()
