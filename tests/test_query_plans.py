"""Latest updates come in index order, and lists of targets join nothing.

Whether PostgreSQL picks the covering index commitment_dept_progress depends on statistics and
the visibility map of a large table: its plan at 100,000 commitments is in docs/benchmarks.md.
"""

import pytest
from django.db import connection

from commitments.models import StatusUpdate, Target

from .dashboard_data import make_dashboard
from .postgres import planner_without

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    """EXPLAIN on PostgreSQL, with sequential scans priced out: the tables here are tiny, and
    the question is whether an index can serve the query, as it must at 100,000 commitments."""
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's")
    make_dashboard(departments=3, per_department=4)
    with planner_without("seqscan"):
        yield lambda queryset: queryset.explain()


@pytest.mark.postgres
def test_latest_updates_are_read_in_index_order_without_sorting(plans):
    plan = plans(StatusUpdate.objects.latest_first()[:8])
    assert "statusupdate_latest" in plan
    assert "Sort" not in plan


def test_targets_are_listed_without_joining_their_commitment():
    sql = str(Target.objects.filter(commitment_id__in=[1, 2]).query)
    assert "JOIN" not in sql
