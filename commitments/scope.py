"""The plan a public page is scoped to, read from and written to its query string (`?plan=`)."""

from django.db.models import Avg
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from .models import Plan


def plan_in_query(query):
    """The plan named by `?plan=` (a slug), None without one; 404 for an unknown slug."""
    slug = query.get("plan")
    if not slug:
        return None
    return get_object_or_404(Plan, slug=slug)


def plan_query(plan, **filters):
    """A query string for `filters` within `plan`."""
    query = QueryDict(mutable=True)
    query.update(filters)
    if plan is not None:
        query["plan"] = plan.slug
    return query.urlencode()


def mean_lag(commitments):
    """How far the commitments' progress lags behind 序时进度 on average: one query."""
    return commitments.with_schedule().aggregate(lag=Avg("schedule_lag"))["lag"]
