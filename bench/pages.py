"""The pages the benchmark loads, picked from the data at hand, and their SQL queries per request."""

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri

LIST_FILTERS = {"theme": "rural-revitalisation", "status": "in_progress", "q": "乡村振兴"}


@dataclass
class Page:
    name: str
    path: str | None  # None: the URL does not exist yet
    status: int | None = None
    queries_cold: int | None = None
    queries_warm: int | None = None
    seconds: float | None = None  # the second request, in-process
    first_seconds: float | None = None  # the first: rendered afresh, nothing cached yet

    @property
    def missing(self):
        return self.path is None or self.status == 404


def main_pages():
    """The benchmark's pages, busiest objects first: the largest department, goal and history."""
    from commitments.models import Goal, StatusUpdate
    from departments.models import Department

    department = Department.objects.annotate(n=Count("commitments")).order_by("-n", "pk").first()
    goal = Goal.objects.annotate(n=Count("commitment_links")).order_by("-n", "pk").first()
    busiest = (
        StatusUpdate.objects.values("commitment").annotate(n=Count("id")).order_by("-n", "commitment")
    ).first()
    list_query = "?" + urlencode(LIST_FILTERS)
    return [
        Page("/healthz", url("healthz")),
        Page("overview", url("commitments:overview")),
        Page("departments", url("departments:list")),
        Page("department (largest)", url("departments:detail", department and department.slug)),
        Page("goal (largest)", url("commitments:goal", goal and goal.slug)),
        Page("list: theme+status+q", join(url("commitments:list"), list_query)),
        Page("commitment (longest history)", url("commitments:detail", busiest and busiest["commitment"])),
        Page("export.csv (same filters)", join(url("commitments:export_csv"), list_query)),
        Page("export.csv (all)", url("commitments:export_csv")),
        Page("plan account (十四五)", url("commitments:account", "wuhan-14th")),
        Page("export.xlsx (same filters)", join(url("commitments:export_xlsx"), list_query)),
    ]


def url(name, *args):
    if any(arg is None for arg in args):
        return None
    try:
        return iri_to_uri(reverse(name, args=args))
    except NoReverseMatch:
        return None


def join(path, query):
    return path and iri_to_uri(path + query)


def count_queries(page, slow=10.0):
    """Status, queries and time of a first and a second request, in-process on the same database.

    A first request slower than `slow` seconds is not repeated: its figures stand for both.
    """
    if page.path is None:
        return page
    client = Client(HTTP_HOST="127.0.0.1")
    counts = []
    while len(counts) < 2:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        page.seconds = time.perf_counter() - started
        if not counts:
            page.first_seconds = page.seconds
        counts.append(len(captured))
        page.status = response.status_code
        if page.seconds > slow:
            counts.append(counts[0])
    page.queries_cold, page.queries_warm = counts
    return page
