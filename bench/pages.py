"""The pages the benchmark loads, picked from the data at hand, and their SQL queries per request."""

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.encoding import iri_to_uri

# The plan generate_demo_data attaches its articles to (migration 0009 creates it).
PLAN = "wuhan-14th"
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


@dataclass
class Busiest:
    """The largest department and goal (slugs) and the commitment with the longest history (pk)."""

    department: str | None
    goal: str | None
    commitment: int | None


def busiest():
    from commitments.models import Goal, StatusUpdate
    from departments.models import Department

    department = Department.objects.annotate(n=Count("commitments")).order_by("-n", "pk").first()
    goal = Goal.objects.annotate(n=Count("commitment_links")).order_by("-n", "pk").first()
    history = (
        StatusUpdate.objects.values("commitment").annotate(n=Count("id")).order_by("-n", "commitment")
    ).first()
    return Busiest(
        department and department.slug, goal and goal.slug, history and history["commitment"]
    )


def main_pages(objects=None):
    """The benchmark's pages, busiest objects first: the largest department, goal and history."""
    objects = objects or busiest()
    list_query = "?" + urlencode(LIST_FILTERS)
    return [
        Page("/healthz", "/healthz"),
        Page("overview", "/"),
        Page("departments", "/departments/"),
        Page("department (largest)", public("/departments/{}/", objects.department)),
        Page("goal (largest)", public("/goals/{}/", objects.goal)),
        Page("list: theme+status+q", "/commitments/" + list_query),
        Page("commitment (longest history)", public("/commitments/{}/", objects.commitment)),
        Page("export.csv (same filters)", "/commitments/export.csv" + list_query),
        Page("export.csv (all)", "/commitments/export.csv"),
        Page("plan account (十四五)", public("/plans/{}/account/", PLAN)),
        Page("export.xlsx (same filters)", "/commitments/export.xlsx" + list_query),
        Page("export.xlsx (all)", "/commitments/export.xlsx"),
    ]


def public(pattern, value):
    """A public URL as a visitor types it (the URL names may move between apps; the URLs stay)."""
    return None if value is None else iri_to_uri(pattern.format(value))


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
