"""Querysets of commitments and status updates: each method names what it selects."""

import datetime

from django.db import models
from django.db.models import Avg, Case, Count, Q, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from .status import Signal, Status

STALE_AFTER = datetime.timedelta(days=180)


def today():
    return timezone.localdate()


class CommitmentQuerySet(models.QuerySet):
    def for_department(self, department):
        return self.filter(department=department)

    def for_goal(self, goal):
        return self.filter(goals=goal)

    def for_theme(self, theme):
        return self.filter(themes=theme)

    def with_status(self, status):
        return self.filter(status=status)

    def with_related(self):
        """Everything a list row shows, in three queries whatever the number of rows."""
        return self.select_related("department", "official", "article").prefetch_related(
            "themes", "goal_links__goal"
        )

    def with_last_update_on(self):
        """The day of the latest report, or of the import when nobody has reported yet."""
        return self.annotate(
            last_update_on=Coalesce("last_reported_on", TruncDate("created_at"))
        )

    def with_signal(self, on=None):
        """督办 signal: red when overdue and not done, amber when silent for 180 days, else green."""
        on = on or today()
        return self.with_last_update_on().annotate(
            signal=Case(
                When(Q(due_date__lt=on) & ~Q(status=Status.DONE), then=Value(Signal.RED)),
                When(last_update_on__lte=on - STALE_AFTER, then=Value(Signal.AMBER)),
                default=Value(Signal.GREEN),
                output_field=models.CharField(),
            )
        )

    def with_signal_of(self, signal, on=None):
        return self.with_signal(on).filter(signal=signal)

    def overdue(self, on=None):
        return self.filter(due_date__lt=on or today()).exclude(status=Status.DONE)

    def progress_summary(self):
        """Count, mean progress and count per status, in one aggregate query."""
        per_status = {
            f"status_{value}": Count("id", filter=Q(status=value)) for value in Status.values
        }
        return self.aggregate(
            total=Count("id"), mean_progress=Coalesce(Avg("progress"), 0.0), **per_status
        )


class StatusUpdateQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-reported_on", "-created_at", "-id")

    def with_related(self):
        return self.select_related("commitment__department", "author")
