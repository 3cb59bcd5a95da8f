"""The vocabularies of progress, defined once: status, 督办 signal, review state and their rules.

Everything that shows or counts a status or a signal reads it from here: labels and order (the
order of definition), colours (charts; the CSS holds the same values as custom properties, which
tests/test_record_vocabulary.py compares), CSS class names, the progress each status allows and
the signal rule, from which both `signal_of()` (Python) and `signal_expression()` (SQL) are built.

Which progress each status allows (checked by forms, by `StatusUpdate.clean()` through
`update_status`, and by a database constraint on Commitment and on StatusUpdate):

| status   | progress | why                                                        |
| -------- | -------- | ---------------------------------------------------------- |
| 待评估   | 0        | nobody has assessed it: no progress is shown (“—”), 0 kept |
| 未启动   | 0        | nothing has been done                                      |
| 推进中   | 1–99     | under way, not finished                                    |
| 滞后     | 0–99     | behind schedule, possibly before any visible result        |
| 部分完成 | 1–99     | some of it is done                                         |
| 已完成   | 100      | done                                                       |
| 未兑现   | 0–99     | given up: what was achieved before stays on the record     |

The signal rule, first match wins: 逾期 (red) when the due date has passed and the commitment is
rated and not done (待评估 is never overdue: it is its own figure); 久未更新 (amber) when a commitment
not done has been silent for 180 days, counted from its latest published report, or from its
article's date when never reported; otherwise 正常 (green).
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

STALE_AFTER = datetime.timedelta(days=180)


class Status(models.TextChoices):
    NOT_RATED = "not_rated", _("待评估")
    NOT_STARTED = "not_started", _("未启动")
    IN_PROGRESS = "in_progress", _("推进中")
    STALLED = "stalled", _("滞后")
    PARTIAL = "partial", _("部分完成")
    DONE = "done", _("已完成")
    ABANDONED = "abandoned", _("未兑现")

    @property
    def colour(self):
        return STATUS_STYLE[self].colour

    @property
    def css_class(self):
        return f"status-{self.value}"

    @property
    def progress_range(self):
        """(lowest, highest) progress this status allows, both included."""
        style = STATUS_STYLE[self]
        return style.min_progress, style.max_progress

    @property
    def shows_progress(self):
        return self is not Status.NOT_RATED

    def allows(self, progress):
        low, high = self.progress_range
        return progress is not None and low <= progress <= high


@dataclass(frozen=True)
class StatusStyle:
    colour: str
    min_progress: int
    max_progress: int


STATUS_STYLE = {
    Status.NOT_RATED: StatusStyle("#a0a7b1", 0, 0),
    Status.NOT_STARTED: StatusStyle("#d9dde3", 0, 0),
    Status.IN_PROGRESS: StatusStyle("#3b82c4", 1, 99),
    Status.STALLED: StatusStyle("#e0a030", 0, 99),
    Status.PARTIAL: StatusStyle("#7fb77e", 1, 99),
    Status.DONE: StatusStyle("#2f8f4e", 100, 100),
    Status.ABANDONED: StatusStyle("#c0392b", 0, 99),
}

# Rated and not done: these can be overdue.
OPEN_RATED = [s for s in Status if s not in (Status.NOT_RATED, Status.DONE)]
NOT_DONE = [s for s in Status if s is not Status.DONE]


def progress_matches_status():
    """Q of the table above, for CheckConstraints of Commitment and StatusUpdate."""
    condition = models.Q()
    for status, style in STATUS_STYLE.items():
        condition |= models.Q(
            status=status, progress__gte=style.min_progress, progress__lte=style.max_progress
        )
    return condition


def progress_error(status, progress):
    """The message explaining why `progress` does not fit `status`, or None when it does."""
    try:
        status = Status(status)
    except ValueError:
        return None  # the choices validation says so
    if progress is None or status.allows(progress):
        return None
    low, high = status.progress_range
    if low == high:
        return _("状态为“%(status)s”时，进度必须为 %(low)d%%。") % {
            "status": status.label, "low": low,
        }
    return _("状态为“%(status)s”时，进度必须在 %(low)d%% 至 %(high)d%% 之间。") % {
        "status": status.label, "low": low, "high": high,
    }


class Signal(models.TextChoices):
    RED = "red", _("逾期")
    AMBER = "amber", _("久未更新")
    GREEN = "green", _("正常")

    @property
    def colour(self):
        return SIGNAL_COLOURS[self]

    @property
    def css_class(self):
        return f"signal-{self.value}"


SIGNAL_COLOURS = {Signal.RED: "#b42318", Signal.AMBER: "#b25e09", Signal.GREEN: "#2f7d4a"}


@dataclass(frozen=True)
class SignalRule:
    """`signal` applies to a commitment of one of `statuses` whose `date` (a name of
    `signal_dates()`) lies `after` or more before the day of the signal."""

    signal: Signal
    statuses: tuple
    date: str
    after: datetime.timedelta


SIGNAL_RULES = (
    SignalRule(Signal.RED, tuple(OPEN_RATED), "due_date", datetime.timedelta(days=1)),
    SignalRule(Signal.AMBER, tuple(NOT_DONE), "silent_since", STALE_AFTER),
)
DEFAULT_SIGNAL = Signal.GREEN


def signal_of(status, dates, on):
    """The signal on day `on` of a commitment of `status` with `dates` (due_date, silent_since)."""
    for rule in SIGNAL_RULES:
        if status in rule.statuses and dates[rule.date] <= on - rule.after:
            return rule.signal
    return DEFAULT_SIGNAL


def signal_expression(on, dates):
    """The same rule as SQL: `dates` maps each date name to an expression or field name."""
    whens = [
        models.When(
            models.Q(status__in=rule.statuses)
            & models.Q(**{f"{dates[rule.date]}__lte": on - rule.after}),
            then=models.Value(rule.signal.value),
        )
        for rule in SIGNAL_RULES
    ]
    return models.Case(
        *whens, default=models.Value(DEFAULT_SIGNAL.value), output_field=models.CharField()
    )


class Review(models.TextChoices):
    """Where a status update stands: only PUBLISHED updates are public and counted."""

    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已发布")
    RETURNED = "returned", _("已退回")
    WITHDRAWN = "withdrawn", _("已撤回")
