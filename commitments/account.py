"""The end-of-term account: each commitment's status read as an outcome, counted in SQL."""

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from .status import Status

# outcome: (label, the statuses it gathers). At the end of a term whatever is not done, partly
# done, abandoned or unrated was not finished in time.
OUTCOMES = {
    "done": (_("已完成"), [Status.DONE]),
    "partial": (_("部分完成"), [Status.PARTIAL]),
    "stalled": (_("未完成"), [Status.STALLED, Status.NOT_STARTED, Status.IN_PROGRESS]),
    "abandoned": (_("未兑现"), [Status.ABANDONED]),
    "unrated": (_("从未评估"), [Status.NOT_RATED]),
}


def outcome_figures():
    return {
        name: Count("id", filter=Q(status__in=statuses))
        for name, (_label, statuses) in OUTCOMES.items()
    }


def with_share_kept(figures):
    """`kept`: the share of all commitments done, in percent (None without commitments);
    `cells`: (outcome, count) in the order of OUTCOMES."""
    total = figures["total"]
    figures["cells"] = [(name, figures[name]) for name in OUTCOMES]
    figures["kept"] = round(100 * figures["done"] / total, 1) if total else None
    return figures


def account(commitments):
    """The outcome counts of `commitments`, in total and per department: two queries.

    Returns (totals, rows), each row a dict with department_id, department__name and the
    counts, in the departments' order.
    """
    totals = commitments.order_by().aggregate(
        total=Count("*"), mean_progress=Avg("progress"), **outcome_figures()
    )
    rows = (
        commitments.order_by("department__order", "department_id")
        .values("department_id", "department__name", "department__slug", "department__order")
        .annotate(total=Count("*"), mean_progress=Avg("progress"), **outcome_figures())
    )
    return with_share_kept(totals), [with_share_kept(row) for row in rows]
