"""Querysets of commitments and status updates: each method names what it selects."""

import collections
import datetime
import itertools

from django.db import models
from django.db.models import Avg, Case, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from . import search
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
        """督办 signal: red when overdue and not done, amber when an open commitment has been
        silent for 180 days, else green. A done commitment has nothing left to report."""
        on = on or today()
        return self.with_last_update_on().annotate(
            signal=Case(
                When(Q(due_date__lt=on) & ~Q(status=Status.DONE), then=Value(Signal.RED)),
                When(
                    Q(last_update_on__lte=on - STALE_AFTER) & ~Q(status=Status.DONE),
                    then=Value(Signal.AMBER),
                ),
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

    def signal_summary(self, on=None):
        """Count per 督办 signal, in one aggregate query."""
        per_signal = {
            f"signal_{value}": Count("id", filter=Q(signal=value)) for value in Signal.values
        }
        return self.with_signal(on).aggregate(**per_signal)

    def search(self, text):
        """Commitments whose jieba tokens hold every keyword of `text`; all when it has none."""
        terms = search.query_terms(text)
        return search.filter_by_terms(self, terms) if terms else self

    def having_targets(self, present=True):
        """Commitments with (or, present=False, without) a quantitative target or deadline."""
        from .models import Target  # models imports this module

        has_target = Exists(Target.objects.filter(commitment=OuterRef("pk")))
        return self.filter(has_target if present else ~has_target)

    def with_targets(self):
        return self.prefetch_related("targets")

    def with_history(self):
        """The status updates of each commitment, latest first, in one more query."""
        return self.prefetch_related("updates")

    def as_list_rows(self):
        """What a row of a list shows: related names, themes, goals, targets and the signal.

        The article's text stays behind: a row links to it but does not quote it.
        """
        return self.with_related().with_targets().with_signal().defer("article__text")

    def with_goal_keywords(self, goal):
        """Commitments serving `goal`, each with `goal_keywords`: the keywords that linked it."""
        return self.filter(goal_links__goal=goal).annotate(goal_keywords=F("goal_links__keywords"))

    def progress_by_department(self):
        """Every department with `commitment_count` and `mean_progress` of these commitments."""
        return self._progress_of("department")

    def progress_by_goal(self):
        """Every goal with `commitment_count` and `mean_progress` of these commitments."""
        return self._progress_of("goals")

    def progress_by_theme(self):
        """Every theme with `commitment_count` and `mean_progress` of these commitments."""
        return self._progress_of("themes")

    def _progress_of(self, field):
        """One grouped query over the related model, so rows without commitments show as zero."""
        related = self.model._meta.get_field(field).related_model
        mine = Q(commitments__in=self.values("pk"))
        # A grouped query ignores Meta.ordering: restate it.
        return related.objects.annotate(
            commitment_count=Count("commitments", filter=mine),
            mean_progress=Coalesce(Avg("commitments__progress", filter=mine), 0.0),
        ).order_by(*related._meta.ordering)

    def export_rows(self, chunk_size=2000):
        """Each commitment of `with_signal()` as a dict, with lists of its theme, goal and target
        names; lazily.

        Plain values and three lookups per chunk of rows: model instances with prefetch_related
        cost about half a millisecond a row, too slow to export tens of thousands.
        """
        rows = self.values(
            "id", "title", "department__name", "official__name", "official__titles", "status",
            "progress", "due_date", "signal",
        )
        iterator = rows.iterator(chunk_size)
        while chunk := list(itertools.islice(iterator, chunk_size)):
            ids = [row["id"] for row in chunk]
            themes = self._names_by_commitment("themes", ids, "theme__name")
            goals = self._names_by_commitment("goal_links", ids, "goal__name")
            targets = self._names_by_commitment("targets", ids, "text")
            for row in chunk:
                yield {
                    **row,
                    "themes": themes[row["id"]],
                    "goals": goals[row["id"]],
                    "targets": targets[row["id"]],
                }

    def _names_by_commitment(self, relation, ids, name):
        field = self.model._meta.get_field(relation)
        linked = field.remote_field.through if field.many_to_many else field.related_model
        names = collections.defaultdict(list)
        pairs = linked.objects.filter(commitment_id__in=ids).order_by("pk")
        for commitment_id, value in pairs.values_list("commitment_id", name):
            names[commitment_id].append(value)
        return names


class StatusUpdateQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-reported_on", "-created_at", "-id")

    def with_related(self):
        return self.select_related("commitment__department", "author")
