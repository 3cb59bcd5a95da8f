"""Progress tallies: commitments counted and their progress summed per plan, department and status,
kept in step with every write, so that public figures never rescan the commitments.

Rows of three kinds, per plan (NULL: articles of no plan), department and status:
- a commitment's own row (goal and theme NULL), also per due date, for the 逾期 count;
- a row per goal it serves, and a row per theme it has.
pagecache.changes calls TallyListener inside the writing transaction, after the data version's
row lock, which serialises the tallies' writers. A saved commitment whose figures (status,
progress, due date) changed is moved from its old rows to its new ones, a few statements
whatever the size of the data; any other write recounts the departments it touches from scratch,
with one GROUP BY over their commitments. `manage.py rebuild_tallies` recounts everything.
"""

import itertools
from collections import defaultdict
from typing import NamedTuple

from django.apps import apps
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from pagecache import changes

from .account import OUTCOMES, with_share_kept
from .status import OPEN_RATED, Status

TALLIED = ("department_id", "article_id", "status", "progress", "due_date")

# More commitments than this in one write: every department is recounted, in one statement
# that reads them all, rather than a list of ids as long as the write.
MANY = 1000
ALL = ("all",)


class ProgressTallyQuerySet(models.QuerySet):
    def for_plan(self, plan):
        """Rows of `plan`; of every plan (and of no plan) when `plan` is None."""
        return self if plan is None else self.filter(plan=plan)

    def for_department(self, department):
        return self.filter(department=department)

    def of_commitments(self):
        """One row per commitment counted: neither a goal's nor a theme's."""
        return self.filter(goal=None, theme=None)

    def of_goal(self, goal):
        return self.filter(goal=goal)

    def summary(self, on=None):
        """Like CommitmentQuerySet.progress_summary() of the commitments these rows count
        (of_commitments() or of_goal()): count, mean progress, count per status; and, given a
        day `on`, signal_red, the 逾期 count on that day, which only a commitment's own rows
        can tell (the other signals are not tallied). One query."""
        rows = self.order_by().values_list("status", "due_date").annotate(
            count=models.Sum("commitment_count"), progress=models.Sum("progress_sum")
        )
        figures = {f"status_{value}": 0 for value in Status.values}
        total = progress = overdue = 0
        for status, due_date, count, summed in rows:
            figures[f"status_{status}"] += count
            total, progress = total + count, progress + summed
            if on is not None and due_date is not None and due_date < on and status in OPEN_RATED:
                overdue += count
        summary = {"total": total, "mean_progress": progress / total if total else 0.0, **figures}
        if on is not None:
            summary["signal_red"] = overdue
        return summary

    def by_department(self, departments=None):
        """`departments` (all by default) as a list, each with `commitment_count` and
        `mean_progress` of the commitments these rows count; two queries."""
        return self._progress_of("department", departments)

    def by_goal(self):
        """Every goal, each with `commitment_count` and `mean_progress`, from the goals' rows."""
        return self.exclude(goal=None)._progress_of("goal")

    def by_theme(self):
        """Every theme, each with `commitment_count` and `mean_progress`, from the themes' rows."""
        return self.exclude(theme=None)._progress_of("theme")

    def _progress_of(self, field, items=None):
        figures = {
            key: (count, summed)
            for key, count, summed in self.order_by().values_list(field).annotate(
                models.Sum("commitment_count"), models.Sum("progress_sum")
            )
        }
        related = self.model._meta.get_field(field).related_model
        items = list(related.objects.all() if items is None else items)
        for item in items:
            count, summed = figures.get(item.pk, (0, 0))
            item.commitment_count = count
            item.mean_progress = summed / count if count else 0.0
        return items

    def account(self):
        """The end-of-term outcomes of the commitments counted (of_commitments()), in total and
        per department, as commitments.account.account() gives them; one query."""
        rows = (
            self.of_commitments()
            .order_by("department__order", "department_id")
            .values_list(
                "department_id", "department__name", "department__slug", "department__order",
                "status",
            )
            .annotate(count=models.Sum("commitment_count"), progress=models.Sum("progress_sum"))
        )
        totals, departments = Outcomes(), {}
        for department_id, name, slug, order, status, count, progress in rows:
            if department_id not in departments:
                departments[department_id] = Outcomes(
                    department_id=department_id, department__name=name,
                    department__slug=slug, department__order=order,
                )
            for outcomes in (totals, departments[department_id]):
                outcomes.add(status, count, progress)
        return (
            with_share_kept(totals.figures()),
            [with_share_kept(outcomes.figures()) for outcomes in departments.values()],
        )


class Outcomes:
    """Counts per outcome of commitments.account, summed from tally rows."""

    def __init__(self, **names):
        self.names = names
        self.counts = dict.fromkeys(OUTCOMES, 0)
        self.total = self.progress = 0

    def add(self, status, count, progress):
        for outcome, (_label, statuses) in OUTCOMES.items():
            if status in statuses:
                self.counts[outcome] += count
        self.total += count
        self.progress += progress

    def figures(self):
        mean = self.progress / self.total if self.total else None
        return {**self.names, "total": self.total, "mean_progress": mean, **self.counts}


class ProgressTally(models.Model):
    """How many commitments of one plan, department and status there are (per due date, for a
    commitment's own row; of one goal or of one theme otherwise), and their progress summed."""

    # No database constraints: an insert would share-lock the row it refers to, and an import,
    # which locks the themes, departments and officials it updates, would deadlock with a
    # status update moving a commitment within its tallies. The ORM still cascades deletions.
    plan = models.ForeignKey(
        "Plan", verbose_name=_("规划"), on_delete=models.CASCADE, null=True, related_name="+",
        db_constraint=False,
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.CASCADE, related_name="+",
        db_index=False, db_constraint=False,
    )
    goal = models.ForeignKey(
        "Goal", verbose_name=_("五个中心目标"), on_delete=models.CASCADE, null=True,
        related_name="+", db_constraint=False,
    )
    theme = models.ForeignKey(
        "Theme", verbose_name=_("主题"), on_delete=models.CASCADE, null=True, related_name="+",
        db_constraint=False,
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices)
    due_date = models.DateField(_("截止日期"), null=True)
    commitment_count = models.PositiveIntegerField(_("承诺数"))
    progress_sum = models.PositiveBigIntegerField(_("进度之和"))

    objects = ProgressTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("进度汇总")
        verbose_name_plural = _("进度汇总")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal=None) | models.Q(theme=None),
                name="progresstally_one_grouping",
            ),
        ]
        indexes = [
            # The pages' figures: a plan's rows of one kind (a commitment's own: goal and theme
            # NULL) or of one goal.
            models.Index(fields=["plan", "goal", "theme"], name="progresstally_plan_grouping"),
            # Writes: the rows of the departments recounted, the row a shift moves.
            models.Index(fields=["department", "status"], name="progresstally_department"),
        ]

    def __str__(self):
        return f"{self.plan_id}/{self.department_id}/{self.goal_id or self.theme_id or '-'}: " \
            f"{self.status} × {self.commitment_count}"

    @classmethod
    def recount(cls, departments=ALL):
        """Replace the rows of `departments` (ids; ALL: every row) with a fresh count: two
        statements."""
        if departments != ALL:
            departments = sorted(departments)
            if not departments:
                return
        rows = cls.objects.all()
        if departments != ALL:
            rows = rows.filter(department__in=departments)
        rows.delete()
        sql, params = counting_sql(departments)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    @classmethod
    def shift(cls, shifts):
        """Move each shifted commitment from its old figures to its new ones in every row that
        counts it (its own, its goals', its themes'): three queries, then one or two
        statements per row changed."""
        if not shifts:
            return
        commitment = apps.get_model("commitments", "Commitment")
        pks = {shift.commitment for shift in shifts}
        plans = dict(commitment.objects.filter(pk__in=pks).values_list("pk", "article__plan_id"))
        groupings = defaultdict(lambda: [(None, None)])
        for model, field in [(commitment.goals.through, "goal_id"), (commitment.themes.through, "theme_id")]:
            for pk, related in model.objects.filter(commitment__in=pks).values_list("commitment_id", field):
                groupings[pk].append((related, None) if field == "goal_id" else (None, related))
        changes = defaultdict(lambda: [0, 0])
        for shift in shifts:
            for (status, progress, due_date), sign in ((shift.before, -1), (shift.after, 1)):
                for goal, theme in groupings[shift.commitment]:
                    own = goal is None and theme is None
                    key = (plans[shift.commitment], shift.department, goal, theme, status,
                           due_date if own else None)
                    changes[key][0] += sign
                    changes[key][1] += sign * progress
        for key, (count, summed) in changes.items():
            if not count and not summed:
                continue
            rows = cls.objects.filter(**dict(zip(COLUMNS, key)))
            changed = rows.update(
                commitment_count=models.F("commitment_count") + count,
                progress_sum=models.F("progress_sum") + summed,
            )
            if not changed:
                cls.objects.create(
                    **dict(zip(COLUMNS, key)), commitment_count=count, progress_sum=summed
                )
            elif count < 0:
                rows.filter(commitment_count=0).delete()

    @classmethod
    def counted_afresh(cls):
        """Every row a full recount gives, as a set of tuples of COLUMNS: one query."""
        return rows_of(*counting_sql(ALL, insert=False))

    @classmethod
    def stored(cls):
        """Every stored row, as counted_afresh() gives them: one query."""
        quote = connection.ops.quote_name
        columns = ", ".join(map(quote, COLUMNS))
        return rows_of(f"SELECT {columns} FROM {quote(cls._meta.db_table)}", [])


COLUMNS = [
    "plan_id", "department_id", "goal_id", "theme_id", "status", "due_date",
    "commitment_count", "progress_sum",
]


def rows_of(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {tuple(row) for row in cursor.fetchall()}


def counting_sql(departments, insert=True):
    """The GROUP BY of the rows of `departments` (ALL: every one), in COLUMNS' order, as an
    INSERT into the tally (or only the SELECT)."""
    commitment = apps.get_model("commitments", "Commitment")
    quote = connection.ops.quote_name
    table = {
        name: quote(model._meta.db_table)
        for name, model in [
            ("commitment", commitment), ("article", apps.get_model("commitments", "Article")),
            ("goals", apps.get_model("commitments", "CommitmentGoal")),
            ("themes", commitment.themes.through), ("tally", ProgressTally),
        ]
    }
    where, params = "", []
    if departments != ALL:
        where = f"WHERE c.department_id IN ({', '.join(['%s'] * len(departments))})"
        params = list(departments)
    # NULL needs a type in a UNION on PostgreSQL.
    no_id, no_day = (
        ("CAST(NULL AS bigint)", "CAST(NULL AS date)") if connection.vendor == "postgresql"
        else ("NULL", "NULL")
    )
    counted = "COUNT(*), SUM(c.progress)"
    joined = f"{table['commitment']} c JOIN {table['article']} a ON a.id = c.article_id"
    sql = f"""
        SELECT a.plan_id, c.department_id, {no_id}, {no_id}, c.status, c.due_date, {counted}
        FROM {joined} {where}
        GROUP BY a.plan_id, c.department_id, c.status, c.due_date
        UNION ALL
        SELECT a.plan_id, c.department_id, l.goal_id, {no_id}, c.status, {no_day}, {counted}
        FROM {joined} JOIN {table['goals']} l ON l.commitment_id = c.id {where}
        GROUP BY a.plan_id, c.department_id, l.goal_id, c.status
        UNION ALL
        SELECT a.plan_id, c.department_id, {no_id}, t.theme_id, c.status, {no_day}, {counted}
        FROM {joined} JOIN {table['themes']} t ON t.commitment_id = c.id {where}
        GROUP BY a.plan_id, c.department_id, t.theme_id, c.status
    """
    if insert:
        sql = f"INSERT INTO {table['tally']} ({', '.join(map(quote, COLUMNS))}) {sql}"
    return sql, params * 3


class Shift(NamedTuple):
    """A saved commitment moved within its department's tallies: (status, progress, due_date)
    before and after. `number` tells two alike shifts of one batch apart."""

    number: int
    commitment: int
    department: int
    before: tuple
    after: tuple


class TallyListener(changes.Listener):
    """Keeps the tallies in step. Keys: Shift (a commitment saved with other figures), or
    ("department", id), ("commitment", id), ("article", id) to recount the departments they
    name (the latter two read when the listener acts), or ALL."""

    # model label → the fields the tallies count; a write of other fields changes nothing.
    COUNTED = {
        "commitments.Commitment": {
            "department", "department_id", "article", "article_id", "status", "progress",
            "due_date",
        },
        "commitments.CommitmentGoal": {"commitment", "commitment_id", "goal", "goal_id"},
        "commitments.Commitment_themes": {"commitment", "commitment_id", "theme", "theme_id"},
        "commitments.Article": {"plan", "plan_id"},
    }
    # model label → the fields whose update moves rows to what a query before it cannot name.
    MOVING = {
        "commitments.Commitment": {"department", "department_id"},
        "commitments.CommitmentGoal": {"commitment", "commitment_id"},
        "commitments.Commitment_themes": {"commitment", "commitment_id"},
    }
    numbers = itertools.count()

    def noted(self, model, rows, fields=None, deleted=False):
        label = model._meta.label
        if label not in self.COUNTED or (fields is not None and not fields & self.COUNTED[label]):
            return set()
        queried = isinstance(rows, models.QuerySet)
        if queried and fields is not None and fields & self.MOVING.get(label, set()):
            return {ALL}
        if label == "commitments.Commitment":
            if queried:
                return self.of("department", rows, "department_id")
            return set().union(*(self.commitment_saved(row, fields, deleted) for row in rows))
        if label == "commitments.Article":
            return self.of("article", rows, "pk")
        return self.of("commitment", rows, "commitment_id")

    def of(self, key, rows, field):
        if isinstance(rows, models.QuerySet):
            ids = set(rows.order_by().values_list(field, flat=True).distinct())
        else:
            ids = {getattr(row, field) for row in rows}
        return {(key, row_id) for row_id in ids}

    def commitment_saved(self, commitment, fields, deleted):
        """A Shift when only its figures changed; else the departments it left and joined.
        Commitment.save() read what it was: `stored_tallied`."""
        stored = getattr(commitment, "stored_tallied", None)
        if stored is None or deleted:
            departments = {commitment.department_id, stored and stored["department_id"]}
            return {("department", department) for department in departments - {None}}
        saved = TALLIED if fields is None else {
            commitment._meta.get_field(name).attname for name in fields
        }
        now = {name: getattr(commitment, name) if name in saved else stored[name] for name in TALLIED}
        if now == stored:
            return set()
        if (now["department_id"], now["article_id"]) != (stored["department_id"], stored["article_id"]):
            return {("department", now["department_id"]), ("department", stored["department_id"])}
        figures = ("status", "progress", "due_date")
        return {Shift(
            next(self.numbers), commitment.pk, now["department_id"],
            tuple(stored[name] for name in figures), tuple(now[name] for name in figures),
        )}

    def apply(self, keys):
        shifts = [key for key in keys if isinstance(key, Shift)]
        ids = {"department": set(), "commitment": set(), "article": set()}
        for key in set(keys) - set(shifts):
            if key == ALL:
                ProgressTally.recount(ALL)
                return
            ids[key[0]].add(key[1])
        if len(ids["commitment"]) + len(ids["article"]) > MANY:
            ProgressTally.recount(ALL)
            return
        departments = ids["department"]
        if ids["commitment"] or ids["article"]:
            commitments = apps.get_model("commitments", "Commitment").objects.filter(
                models.Q(pk__in=ids["commitment"]) | models.Q(article__in=ids["article"])
            )
            departments |= set(
                commitments.order_by().values_list("department_id", flat=True).distinct()
            )
        if len(shifts) > MANY:
            departments |= {shift.department for shift in shifts}
        ProgressTally.recount(departments)
        ProgressTally.shift([shift for shift in shifts if shift.department not in departments])
