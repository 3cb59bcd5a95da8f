"""Every public page costs a fixed number of SQL queries, whatever the amount of data."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Article

from .dashboard_data import grow, make_dashboard

pytestmark = pytest.mark.django_db

FILTERS = {"theme": "gen-rural", "goal": "economy", "has_target": "yes", "q": "乡村振兴", "sort": "-progress"}

# page: (URL for the data, the most queries it may take)
PAGES = {
    "overview": (lambda d: "/", 6),
    "department list": (lambda d: "/departments/", 2),
    "department": (lambda d: d.departments[0].get_absolute_url(), 10),
    "goal": (lambda d: "/goals/economy/", 8),
    "commitment list": (lambda d: "/commitments/", 9),
    "filtered list": (lambda d: f"/commitments/?{urlencode(FILTERS)}", 11),
    "csv export": (lambda d: f"/commitments/export.csv?{urlencode(FILTERS)}", 7),
    "json export": (lambda d: f"/api/commitments.json?{urlencode(FILTERS)}", 7),
    "commitment": (lambda d: d.commitments[2].get_absolute_url(), 6),
    "article": (lambda d: Article.objects.latest("pk").get_absolute_url(), 2),
    "feed": (lambda d: "/feeds/updates/", 1),
}


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_page_queries_do_not_grow_with_the_data(client, django_assert_max_num_queries, page):
    url_for, bound = PAGES[page]
    dashboard = make_dashboard(departments=4, per_department=7)
    url = url_for(dashboard)
    with django_assert_max_num_queries(bound):
        at_1x = queries_for(client, url)
    grow(dashboard, times=10)
    url = url_for(dashboard)
    with django_assert_max_num_queries(bound):
        at_10x = queries_for(client, url)
    assert at_10x == at_1x
