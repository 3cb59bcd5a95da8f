"""Querysets of commitments and status updates: each method names what it selects."""

from django.db import models
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from pagecache.changes import TrackedQuerySet

from . import search
from .status import OPEN_RATED, STALE_AFTER, Review, Signal, Status, signal_expression

__all__ = ["STALE_AFTER", "CommitmentQuerySet", "StatusUpdateQuerySet"]


def today():
    return timezone.localdate()


class CommitmentQuerySet(TrackedQuerySet):
    def _related(self, name):
        """The model behind one of Commitment's reverse relations: read from the model, since
        models.py imports this module and an import back would be a cycle."""
        return self.model._meta.get_field(name).related_model

    def for_department(self, department):
        return self.filter(department=department)

    def for_goal(self, goal):
        return self.filter(goals=goal)

    def with_related(self):
        """Everything a list row shows, in three queries whatever the number of rows."""
        goal_links = self._related("goal_links").objects.select_related("goal")
        return self.select_related("department", "official", "article").prefetch_related(
            "themes", Prefetch("goal_links", queryset=goal_links)
        )

    def with_last_update_on(self):
        """The day of the latest published report, or of the article when nobody has reported
        yet (of the import when the article has no date): where silence counts from."""
        return self.annotate(
            last_update_on=Coalesce(
                "last_reported_on", TruncDate("article__published_at"), TruncDate("created_at")
            )
        )

    def with_signal(self, on=None):
        """督办 signal, by the rule of commitments/status.py (signal_expression)."""
        on = on or today()
        dates = {"due_date": "due_date", "silent_since": "last_update_on"}
        return self.with_last_update_on().annotate(signal=signal_expression(on, dates))

    def with_signal_of(self, signal, on=None):
        return self.with_signal(on).filter(signal=signal)

    def overdue(self, on=None):
        """Due date passed and rated not done; 待评估 is never overdue."""
        return self.filter(due_date__lt=on or today(), status__in=OPEN_RATED)

    def for_plan(self, plan):
        """Commitments of `plan`'s articles; all of them when `plan` is None."""
        return self if plan is None else self.filter(article__plan=plan)

    def with_schedule(self, on=None):
        """`expected_progress` (序时进度): the share of the commitment's period, from its
        article's date (else its plan's start, else its import) to its due date, elapsed on
        `on`, 0–100; and `schedule_lag`: how many points reported progress lags behind it.
        Computed in SQL so that the list filters and sorts by it."""
        on = on or today()
        schedule = self.alias(
            schedule_start=Coalesce(
                TruncDate("article__published_at"),
                F("article__plan__start_date"),
                TruncDate("created_at"),
            )
        ).annotate(
            expected_progress=Case(
                When(due_date__lte=on, then=Value(100)),
                When(schedule_start__gte=on, then=Value(0)),
                default=DaysBetween("schedule_start", Value(on)) * 100
                / DaysBetween("schedule_start", "due_date"),
                output_field=models.IntegerField(),
            )
        )
        return schedule.annotate(schedule_lag=F("expected_progress") - F("progress"))

    def progress_summary(self, on=None):
        """Count, mean progress, count per status and per 督办 signal, in one aggregate query."""
        per_status = {
            f"status_{value}": Count("id", filter=Q(status=value)) for value in Status.values
        }
        per_signal = {
            f"signal_{value}": Count("id", filter=Q(signal=value)) for value in Signal.values
        }
        return self.with_signal(on).aggregate(
            total=Count("id"),
            mean_progress=Coalesce(Avg("progress"), 0.0),
            **per_status,
            **per_signal,
        )

    def search(self, text):
        """Commitments whose jieba tokens hold every keyword of `text`; all when it has none."""
        terms = search.query_terms(text)
        return search.filter_by_terms(self, terms) if terms else self

    def having_targets(self, present=True):
        """Commitments with (or, present=False, without) a quantitative target or deadline; a
        baseline (a past figure) is neither."""
        target = self._related("targets")
        goals = target.objects.filter(commitment=OuterRef("pk")).exclude(kind=target.Kind.BASELINE)
        has_target = Exists(goals)
        return self.filter(has_target if present else ~has_target)

    def with_targets(self):
        return self.prefetch_related("targets")

    def with_history(self):
        """The public status updates (withdrawn ones marked) and the amendments of each
        commitment, latest first, in two more queries."""
        public = self._related("updates").objects.public().select_related("withdrawn_by")
        return self.prefetch_related(
            Prefetch("updates", queryset=public, to_attr="public_updates"), "amendments"
        )

    def as_list_rows(self):
        """What a row of a list shows: related names, themes, goals, targets and the signal.

        The article's text stays behind: a row links to it but does not quote it.
        """
        return self.with_related().with_targets().with_signal().defer("article__text")

    def with_goal_keywords(self, goal):
        """Commitments serving `goal`, each with `goal_keywords`: the keywords that linked it."""
        return self.filter(goal_links__goal=goal).annotate(goal_keywords=F("goal_links__keywords"))

    def export_rows(self, chunk_size=2000):
        """Each commitment of `with_signal().with_schedule()` as a dict, with the lists
        `theme_names`, `goal_names` and `target_texts`, and the note, evidence link and day of
        its latest report: one query, read `chunk_size` rows at a time."""
        CommitmentGoal, StatusUpdate, Target = map(  # noqa: N806 (models, named as models)
            self._related, ["goal_links", "updates", "targets"]
        )

        def of_row(model):
            return model.objects.filter(commitment=OuterRef("pk")).order_by("pk")

        latest = StatusUpdate.objects.filter(commitment=OuterRef("pk")).published().latest_first()
        rows = self.annotate(
            theme_names=ListOf(of_row(self.model.themes.through), "theme__name"),
            goal_names=ListOf(of_row(CommitmentGoal), "goal__name"),
            target_texts=ListOf(of_row(Target).exclude(kind=Target.Kind.BASELINE), "text"),
            latest_note=Subquery(latest.values("note")[:1]),
            latest_evidence_url=Subquery(latest.values("evidence_url")[:1]),
        ).values(
            "id", "title", "text", "article__plan__name", "department__name", "official__name",
            "official__titles", "status", "progress", "expected_progress", "schedule_lag",
            "due_date", "last_reported_on", "signal", "theme_names", "goal_names",
            "target_texts", "latest_note", "latest_evidence_url",
        )
        return rows.iterator(chunk_size)


class DaysBetween(models.Func):
    """Whole days from the first date to the second."""

    output_field = models.IntegerField()

    def __init__(self, start, end):
        super().__init__(start, end, output_field=models.IntegerField())

    def as_sqlite(self, compiler, connection, **extra):
        start, end = (compiler.compile(e) for e in self.get_source_expressions())
        sql = f"CAST(julianday({end[0]}) - julianday({start[0]}) AS INTEGER)"
        return sql, (*end[1], *start[1])

    def as_sql(self, compiler, connection, **extra):
        # PostgreSQL: a date minus a date is a number of days.
        start, end = (compiler.compile(e) for e in self.get_source_expressions())
        return f"(({end[0]})::date - ({start[0]})::date)", (*end[1], *start[1])


class ListOf(Subquery):
    """One field of a correlated queryset as a list for each outer row, in the queryset's order.

    Both databases hand it over as JSON, so that one output field reads it.
    """

    template = '(SELECT json_group_array("item") FROM (%(subquery)s))'

    def __init__(self, queryset, field):
        super().__init__(queryset.values(item=F(field)), output_field=models.JSONField())

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template="to_jsonb(ARRAY(%(subquery)s))")


class StatusUpdateQuerySet(TrackedQuerySet):
    def published(self):
        """Updates that count: approved (or never needing review) and not withdrawn."""
        return self.filter(review=Review.PUBLISHED)

    def public(self):
        """What readers see: published updates and withdrawn ones, marked as such."""
        return self.filter(review__in=[Review.PUBLISHED, Review.WITHDRAWN])

    def pending(self):
        return self.filter(review=Review.PENDING)

    def latest_first(self):
        return self.order_by("-reported_on", "-created_at", "-id")

    def with_related(self):
        return self.select_related("commitment__department", "author")
