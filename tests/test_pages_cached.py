"""What every cached page shares (dashboards/pages.py): its key, its status, its header."""

import pytest

from .dashboard_data import make_dashboard
from .pages import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def dashboard():
    return make_dashboard(departments=2, per_department=4)


def test_a_query_parameter_the_page_does_not_read_shares_its_cached_page(
    client, dashboard, django_assert_num_queries
):
    page = content(client, "/goals/economy/")
    with django_assert_num_queries(1):  # the data version
        assert content(client, "/goals/economy/?utm_source=weibo") == page


def test_a_query_parameter_the_page_reads_has_a_page_of_its_own(client, dashboard):
    everything = content(client, "/commitments/")
    done = content(client, "/commitments/?status=done")
    assert done != everything


def test_a_refused_filter_keeps_its_400_when_served_from_the_cache(
    client, dashboard, django_assert_num_queries
):
    first = client.get("/commitments/", {"lag": "many"})
    with django_assert_num_queries(1):
        again = client.get("/commitments/", {"lag": "many"})
    assert first.status_code == again.status_code == 400
    assert main_of(again) == main_of(first)


def main_of(response):
    html = response.content.decode()
    return html[html.index('<main id="content"'):html.index("</main>")]
