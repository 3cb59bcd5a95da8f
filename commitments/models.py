"""Articles, the commitments stated in them, what they serve, and the history of their progress."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from departments.models import Department, Official, is_reviewer
from pagecache.changes import BatchedDeletes, TrackedQuerySet

from .querysets import CommitmentQuerySet, StatusUpdateQuerySet
from .status import Review, Signal, Status, progress_error, progress_matches_status, signal_of
from .tally import TALLIED, ProgressTally  # noqa: F401 (the tallies' model, kept apart)

PLAN_START = datetime.date(2021, 1, 1)
PLAN_END = datetime.date(2025, 12, 31)

PROGRESS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


def progress_in_range(prefix):
    return models.CheckConstraint(
        condition=models.Q(progress__gte=0, progress__lte=100), name=f"{prefix}_progress_0_100"
    )


def status_in_vocabulary(prefix):
    return models.CheckConstraint(
        condition=models.Q(status__in=Status.values), name=f"{prefix}_status_known"
    )


def progress_fits_status(prefix):
    """The table of commitments/status.py: e.g. 已完成 only at 100 %, 未启动 only at 0 %."""
    return models.CheckConstraint(
        condition=progress_matches_status(), name=f"{prefix}_progress_fits_status"
    )


class BilingualName(BatchedDeletes):
    """A vocabulary entry named in Chinese and in English."""

    slug = models.SlugField(_("标识"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    name_en = models.CharField(_("英文名称"), max_length=100)
    keywords = models.JSONField(_("关键词"), default=list, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self):
        return self.name_en if (get_language() or "").startswith("en") else self.name


class Goal(BilingualName):
    """One of the city's 五个中心, created by a data migration."""

    objects = TrackedQuerySet.as_manager()

    class Meta(BilingualName.Meta):
        verbose_name = _("五个中心目标")
        verbose_name_plural = _("五个中心目标")

    def get_absolute_url(self):
        return reverse("commitments:goal", args=[self.slug])


class Theme(BilingualName):

    objects = TrackedQuerySet.as_manager()
    class Meta(BilingualName.Meta):
        verbose_name = _("主题")
        verbose_name_plural = _("主题")


class PlanQuerySet(TrackedQuerySet):
    def in_progress(self, on=None):
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on, end_date__gte=on)

    def with_has_commitments(self):
        # EXISTS stops at the first commitment; a count would read them all.
        stated = Commitment.objects.filter(article__plan=models.OuterRef("pk"))
        return self.annotate(has_commitments=models.Exists(stated))

    def shown_by_default(self, on=None):
        """The plan `/` shows: the one in progress on `on` (today) if it has commitments, else
        the latest that has some; None when no plan has any. One query."""
        plans = list(self.with_has_commitments().order_by("-start_date"))
        on = on or timezone.localdate()
        current = [p for p in plans if p.start_date <= on <= p.end_date and p.has_commitments]
        return (current or [p for p in plans if p.has_commitments] or [None])[0]

    def for_article(self, published_at, text):
        """The plan an article speaks of, and why: (plan or None, reason).

        A plan named in the text (十五五) wins; the plan named most often when several are. Else
        the date: articles of a plan's last quarter already speak of the next one (a 2020-12
        article states 十四五 commitments), so the plan in progress a quarter after publication.
        """
        plans = list(self.order_by("start_date"))
        mentions = [(text.count(plan.mention), plan) for plan in plans if plan.mention]
        named = [pair for pair in mentions if pair[0]]
        if named:
            count, plan = max(named, key=lambda pair: (pair[0], pair[1].start_date))
            return plan, _("正文提到“%(mention)s”%(count)s 次") % {
                "mention": plan.mention, "count": count,
            }
        if published_at is not None:
            day = timezone.localdate(published_at) if isinstance(
                published_at, datetime.datetime
            ) else published_at
            ahead = day + PLAN_LOOKAHEAD
            for plan in plans:
                if plan.start_date <= ahead <= plan.end_date:
                    return plan, _("发布日期 %(day)s（其后一个季度处于该规划期内）") % {"day": day}
        return None, _("正文未提到任何规划，发布日期也不在任何规划期内")

    def attach(self, article, plan=None):
        """Attach `article` to `plan`, or to the plan it speaks of (for_article()) when it has
        none yet; returns the message saying which plan and why."""
        if plan is not None:
            reason = _("按 --plan 指定")
        elif article.plan_id is not None:
            plan, reason = article.plan, _("此前已归入")
        else:
            plan, reason = self.for_article(article.published_at, article.text)
        if plan is None:
            return _("未归入任何规划：%(reason)s。可用 --plan 指定。") % {"reason": reason}
        if article.plan_id != plan.pk:
            article.plan = plan
            article.save(update_fields=["plan"])
        return _("归入%(plan)s（%(reason)s）。") % {"plan": plan.name, "reason": reason}


# An article published within this long before a plan starts speaks of that plan.
PLAN_LOOKAHEAD = datetime.timedelta(days=92)


class Plan(models.Model):
    """A city's five-year plan: its period and the goals its commitments may serve."""

    name = models.CharField(_("名称"), max_length=50)
    name_en = models.CharField(_("英文名称"), max_length=100, blank=True)
    slug = models.SlugField(_("标识"), max_length=50, unique=True)
    city = models.CharField(_("城市"), max_length=50)
    # How articles name the plan (十四五), for inferring the plan of an imported article.
    mention = models.CharField(_("简称"), max_length=20, blank=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    goals = models.ManyToManyField(
        Goal, verbose_name=_("五个中心目标"), related_name="plans", blank=True
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("规划")
        verbose_name_plural = _("规划")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="plan_end_after_start",
            ),
        ]

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self):
        english = (get_language() or "").startswith("en") and self.name_en
        return self.name_en if english else self.name

    def get_absolute_url(self):
        return reverse("commitments:plan", args=[self.slug])

    def is_closed(self, on=None):
        return self.end_date < (on or timezone.localdate())

    def has_started(self, on=None):
        return self.start_date <= (on or timezone.localdate())

    def elapsed_percent(self, on=None):
        """The share of the period elapsed on `on` (today), 0–100."""
        return elapsed_percent(self.start_date, self.end_date, on or timezone.localdate())


def elapsed_percent(start, end, on):
    """序时进度: the share of start→end elapsed on `on`, a whole percentage clamped to 0–100;
    None without an end. An end on or before the start is due at once."""
    if end is None or start is None:
        return None
    if on >= end:
        return 100
    if on <= start:
        return 0
    return (on - start).days * 100 // (end - start).days


class Article(BatchedDeletes):
    title = models.CharField(_("标题"), max_length=300)
    plan = models.ForeignKey(
        "Plan", verbose_name=_("规划"), on_delete=models.PROTECT, related_name="articles",
        null=True, blank=True,
    )
    source = models.CharField(_("来源"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    editor = models.CharField(_("编辑"), max_length=50, blank=True)
    reporters = models.JSONField(_("记者"), default=list, blank=True)
    correspondents = models.JSONField(_("通讯员"), default=list, blank=True)
    text = models.TextField(_("原文"))
    url = models.URLField(_("原文链接"), max_length=500, blank=True)
    city = models.CharField(_("城市"), max_length=50, blank=True)
    content_hash = models.CharField(_("内容哈希"), max_length=64, unique=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now=True)

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "id"]
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        # Uploading an article in the admin (superusers have it).
        permissions = [("import_article", _("可上传并导入文章"))]
        constraints = [
            # Identifies an edited version of an article already imported.
            models.UniqueConstraint(
                fields=["source", "title", "published_at"], name="article_unique_identity"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("commitments:article", args=[self.pk])

    @property
    def published_on(self):
        """The day of publication in Asia/Shanghai, or None when unknown."""
        return timezone.localdate(self.published_at) if self.published_at else None


class Statement(models.Model):
    """What one official said for one department in one article: the speaker block."""

    article = models.ForeignKey(
        Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="statements"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.PROTECT, related_name="statements"
    )
    official = models.ForeignKey(
        Official, verbose_name=_("负责人"), on_delete=models.PROTECT, related_name="statements"
    )
    headline = models.CharField(_("标题"), max_length=200)
    order = models.PositiveIntegerField(_("顺序"), default=0)

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["article", "order"]
        verbose_name = _("表态")
        verbose_name_plural = _("表态")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "department"], name="statement_unique_department_per_article"
            ),
        ]

    def __str__(self):
        return f"{self.official}: {self.headline}"


class Commitment(BatchedDeletes):
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.PROTECT, related_name="commitments"
    )
    official = models.ForeignKey(
        Official,
        verbose_name=_("负责人"),
        on_delete=models.PROTECT,
        related_name="commitments",
        null=True,
        blank=True,
    )
    article = models.ForeignKey(
        Article, verbose_name=_("文章"), on_delete=models.PROTECT, related_name="commitments"
    )
    # Set by staff: the commitment of an earlier plan this one carries on.
    continues = models.ForeignKey(
        "self", verbose_name=_("延续自"), on_delete=models.SET_NULL, related_name="continued_by",
        null=True, blank=True,
    )
    order = models.PositiveIntegerField(_("顺序"), default=0)
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("原文"))
    source_start = models.PositiveIntegerField(_("原文起点"))
    source_end = models.PositiveIntegerField(_("原文终点"))
    search_tokens = models.TextField(_("检索词"), blank=True, editable=False)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("主题"), related_name="commitments", blank=True
    )
    goals = models.ManyToManyField(
        Goal,
        verbose_name=_("五个中心"),
        through="CommitmentGoal",
        related_name="commitments",
        blank=True,
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.NOT_RATED
    )
    progress = models.PositiveSmallIntegerField(
        _("进度"), default=0, validators=PROGRESS_VALIDATORS
    )
    due_date = models.DateField(_("截止日期"), default=PLAN_END)
    last_reported_on = models.DateField(_("最近报告日期"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_tokens"])

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["department__order", "article", "order"]
        verbose_name = _("承诺")
        verbose_name_plural = pgettext_lazy("plural", "承诺")
        constraints = [
            progress_in_range("commitment"),
            status_in_vocabulary("commitment"),
            progress_fits_status("commitment"),
            models.CheckConstraint(
                condition=models.Q(source_end__gt=models.F("source_start")),
                name="commitment_span_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["article", "department", "order"], name="commitment_unique_position"
            ),
        ]
        indexes = [
            # Progress per department (overview, /departments/) as an index-only scan; the public
            # list filtered by department and status. SQLite ignores `include` (models.W040).
            models.Index(
                fields=["department", "status"], include=["progress"], name="commitment_dept_progress"
            ),
            models.Index(fields=["status"], name="commitment_status"),
            # The 督办 signal: overdue and silent commitments.
            models.Index(fields=["due_date", "status"], name="commitment_due_status"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("commitments:detail", args=[self.pk])

    def save(self, *args, update_fields=None, **kwargs):
        self.stored_tallied = self.tallied_in_database(update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)

    def tallied_in_database(self, update_fields=None):
        """The stored values of TALLIED, which the progress tallies move a saved commitment
        from; None for a new commitment or a save of other fields. One query, or none."""
        if self.pk is None:
            return None
        if update_fields is not None:
            names = {self._meta.get_field(name).attname for name in update_fields}
            if not names & set(TALLIED):
                return None
        return Commitment.objects.filter(pk=self.pk).values(*TALLIED).first()

    @property
    def signal(self):
        """The 督办 signal: the one annotated by `with_signal(on)`, else computed for today.

        Computed, it costs a query for the article's date when nobody has reported yet.
        """
        if "_signal" in self.__dict__:
            return Signal(self._signal)
        dates = {"due_date": self.due_date, "silent_since": self.silent_since}
        return signal_of(self.status, dates, timezone.localdate())

    @signal.setter
    def signal(self, value):
        # `with_signal()` annotates rows with `signal`; without a setter Django cannot load them.
        self._signal = value

    @property
    def targets_to_meet(self):
        """Its quantitative targets and deadlines, without baselines (past figures), from the
        prefetched targets when `with_targets()` fetched them."""
        return [target for target in self.targets.all() if target.kind != Target.Kind.BASELINE]

    @property
    def silent_since(self):
        """The day of the latest published report, else the article's, else the import's."""
        if self.last_reported_on:
            return self.last_reported_on
        return self.article.published_on or timezone.localdate(self.created_at)

    @property
    def status_choice(self):
        return Status(self.status)

    def timeline(self):
        """Public updates (withdrawn ones marked) and amendments, latest first, as
        (day, entry) pairs; reads what `with_history()` prefetched, else costs two queries."""
        updates = getattr(self, "public_updates", None)
        if updates is None:
            updates = self.updates.public().select_related("withdrawn_by")
        entries = [(u.reported_on, u.created_at, u) for u in updates]
        entries += [(timezone.localdate(a.made_at), a.made_at, a) for a in self.amendments.all()]
        entries.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
        return [(day, entry) for day, _created, entry in entries]

    @transaction.atomic
    def update_status(
        self, *, status, progress, note="", evidence_url="", author=None, reported_on=None
    ):
        """Append a StatusUpdate and move the current status and progress to the latest one.

        Both writes happen in one transaction: an invalid update leaves neither behind.
        Rows are locked so that concurrent updates of one commitment serialise. An update by an
        author who is no reviewer waits for review (待审核) while settings.PLANWATCH_REVIEW_UPDATES
        is on, and moves nothing until approved; one without an author (code, scripts) is
        published at once.
        """
        locked = Commitment.objects.select_for_update().get(pk=self.pk)
        needs_review = (
            settings.PLANWATCH_REVIEW_UPDATES and author is not None and not is_reviewer(author)
        )
        update = StatusUpdate(
            commitment=locked,
            status=status,
            progress=progress,
            note=note,
            evidence_url=evidence_url,
            author=author,
            reported_on=reported_on or timezone.localdate(),
            review=Review.PENDING if needs_review else Review.PUBLISHED,
        )
        update.full_clean()
        update.save()
        if not needs_review:
            locked.recompute_current(reason=f"登记进展 #{update.pk}")
        self._take_current_from(locked)
        return update

    def recompute_current(self, reason):
        """Status, progress and report date from the latest published update (one query, one
        write); back to 待评估 when none is left. The caller holds the row lock."""
        latest = self.updates.published().latest_first().first()
        if latest is None:
            self.status, self.progress, self.last_reported_on = Status.NOT_RATED, 0, None
        else:
            self.status, self.progress = latest.status, latest.progress
            self.last_reported_on = latest.reported_on
        self._change_reason = reason
        self.save(update_fields=["status", "progress", "last_reported_on", "updated_at"])

    def _take_current_from(self, other):
        self.status, self.progress = other.status, other.progress
        self.last_reported_on, self.updated_at = other.last_reported_on, other.updated_at

    @transaction.atomic
    def amend(self, *, field, old, new, reason, author):
        """Record a public trace of a goalpost moved by a reviewer (截止日期由 … 调整为 …)."""
        if not reason.strip():
            raise ValidationError({"reason": _("调整截止日期、标题、主题、目标时必须填写理由。")})
        return Amendment.objects.create(
            commitment=self, field=field, old_value=old, new_value=new,
            reason=reason.strip(), author=author,
        )


class CommitmentGoal(models.Model):
    """The link of a commitment to a goal, with the keywords that justified it."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("承诺"), on_delete=models.CASCADE, related_name="goal_links"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("五个中心目标"), on_delete=models.CASCADE, related_name="commitment_links"
    )
    keywords = models.JSONField(_("依据关键词"), default=list)

    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name = _("目标关联")
        verbose_name_plural = _("目标关联")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "goal"], name="commitment_goal_unique"),
        ]
        # The goal pages and the goal filter: commitments of one goal.
        indexes = [models.Index(fields=["goal", "commitment"], name="commitmentgoal_goal")]

    def __str__(self):
        return f"{self.commitment_id} → {self.goal_id}"


class Target(models.Model):
    """A quantitative target or deadline stated in a commitment, or a past figure (baseline).

    A baseline (2020年已达到……) is the starting point a target is read against; it is never a
    target itself.
    """

    class Kind(models.TextChoices):
        QUANTITY = "quantity", _("数量目标")
        DEADLINE = "deadline", _("时限")
        BASELINE = "baseline", _("基数")

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("承诺"), on_delete=models.CASCADE, related_name="targets"
    )
    text = models.CharField(_("原文"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    value = models.DecimalField(_("数值"), max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    source_start = models.PositiveIntegerField(_("原文起点"))
    source_end = models.PositiveIntegerField(_("原文终点"))

    objects = TrackedQuerySet.as_manager()

    class Meta:
        # commitment_id, not commitment: the latter sorts by the commitment's own ordering, which
        # joins its department and article into every query of targets.
        ordering = ["commitment_id", "source_start"]
        verbose_name = _("目标")
        verbose_name_plural = pgettext_lazy("plural", "目标")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source_end__gt=models.F("source_start")),
                name="target_span_end_after_start",
            ),
        ]

    def __str__(self):
        return self.text


class StatusUpdate(models.Model):
    """One entry of a commitment's history; the latest published one is its current state.

    Nothing is deleted: a mistaken update is withdrawn (已撤回) with who, when and why.
    """

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("承诺"), on_delete=models.CASCADE, related_name="updates"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(_("进度"), validators=PROGRESS_VALIDATORS)
    note = models.TextField(_("说明"), blank=True)
    evidence_url = models.URLField(_("佐证链接"), max_length=500, blank=True)
    reported_on = models.DateField(_("报告日期"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_updates",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    # Database defaults too: the demo generator's COPY names only the columns it fills.
    review = models.CharField(
        _("审核状态"),
        max_length=10,
        choices=Review.choices,
        default=Review.PUBLISHED,
        db_default=Review.PUBLISHED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_updates",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True, db_default="")
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="withdrawn_updates",
    )
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True, db_default="")

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-created_at", "-id"]
        get_latest_by = ["reported_on", "created_at", "id"]
        verbose_name = _("进展更新")
        verbose_name_plural = _("进展更新")
        constraints = [
            progress_in_range("statusupdate"),
            status_in_vocabulary("statusupdate"),
            progress_fits_status("statusupdate"),
            models.CheckConstraint(
                condition=models.Q(review__in=Review.values), name="statusupdate_review_known"
            ),
            # A withdrawal always says why.
            models.CheckConstraint(
                condition=~models.Q(review=Review.WITHDRAWN) | ~models.Q(withdrawal_reason=""),
                name="statusupdate_withdrawal_has_reason",
            ),
        ]
        indexes = [
            # A commitment's timeline and its latest update.
            models.Index(
                fields=["commitment", "-reported_on", "-created_at"], name="statusupdate_timeline"
            ),
            # The overview's and the feed's latest updates, in the order of latest_first().
            models.Index(fields=["-reported_on", "-created_at", "-id"], name="statusupdate_latest"),
        ]

    def __str__(self):
        return f"{self.commitment_id}: {self.get_status_display()} {self.progress}%"

    @property
    def status_choice(self):
        return Status(self.status)

    @property
    def is_public(self):
        return self.review in (Review.PUBLISHED, Review.WITHDRAWN)

    def clean(self):
        super().clean()
        errors = {}
        message = progress_error(self.status, self.progress)
        if message:
            errors["progress"] = message
        message = self.reported_on_error()
        if message:
            errors["reported_on"] = message
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # clean() reports a progress that does not fit its status on the progress field, in words;
        # the database constraint says the same as a bare "constraint violated".
        exclude = set(exclude or ())
        if progress_error(self.status, self.progress):
            exclude.add("progress")
        super().validate_constraints(exclude)

    def reported_on_error(self):
        """Why `reported_on` is impossible: after today (Asia/Shanghai) or before the article."""
        if self.reported_on is None or self.commitment_id is None:
            return None
        today = timezone.localdate()
        if self.reported_on > today:
            return _("报告日期不能晚于今天（%(today)s）。") % {"today": today.isoformat()}
        published_on = self.commitment.article.published_on
        if published_on and self.reported_on < published_on:
            return _("报告日期不能早于承诺所在文章的发布日期（%(date)s）。") % {
                "date": published_on.isoformat()
            }
        return None

    def save(self, *args, **kwargs):
        # Every path (admin, update_status, scripts) passes here; bulk inserts and loaddata do
        # not, and `check_status_dates` lists what they may have let through.
        if self._state.adding:
            message = self.reported_on_error()
            if message:
                raise ValidationError({"reported_on": message})
        super().save(*args, **kwargs)

    @transaction.atomic
    def approve(self, reviewer):
        """Publish a pending update; the commitment's current values follow."""
        self._review(reviewer, Review.PUBLISHED, "")

    @transaction.atomic
    def send_back(self, reviewer, comment):
        """Return a pending update to its author with a comment; it stays unpublished."""
        if not comment.strip():
            raise ValidationError({"review_comment": _("退回时必须填写意见。")})
        self._review(reviewer, Review.RETURNED, comment.strip())

    def _review(self, reviewer, outcome, comment):
        commitment = Commitment.objects.select_for_update().get(pk=self.commitment_id)
        update = StatusUpdate.objects.select_for_update().get(pk=self.pk)
        if update.review != Review.PENDING:
            raise ValidationError(_("只有待审核的进展可以审核。"))
        self.review, self.reviewed_by, self.reviewed_at = outcome, reviewer, timezone.now()
        self.review_comment = comment
        self.save(update_fields=["review", "reviewed_by", "reviewed_at", "review_comment"])
        if outcome == Review.PUBLISHED:
            commitment.recompute_current(reason=f"审核通过进展 #{self.pk}")

    @transaction.atomic
    def withdraw(self, reviewer, reason):
        """Mark a published update 已撤回 with who, when and why, and recompute the
        commitment's current values from the updates that remain. Nothing is deleted."""
        if not reason.strip():
            raise ValidationError({"withdrawal_reason": _("撤回时必须填写理由。")})
        commitment = Commitment.objects.select_for_update().get(pk=self.commitment_id)
        update = StatusUpdate.objects.select_for_update().get(pk=self.pk)
        if update.review != Review.PUBLISHED:
            raise ValidationError(_("只有已发布的进展可以撤回。"))
        self.review, self.withdrawn_by, self.withdrawn_at = Review.WITHDRAWN, reviewer, timezone.now()
        self.withdrawal_reason = reason.strip()
        self.save(update_fields=["review", "withdrawn_by", "withdrawn_at", "withdrawal_reason"])
        commitment.recompute_current(reason=f"撤回进展 #{self.pk}：{self.withdrawal_reason}")


class Amendment(models.Model):
    """A goalpost moved by a reviewer: a due date, title, theme, goal or target, with its reason.

    Public: the commitment's timeline and the feed show every one.
    """

    class Field(models.TextChoices):
        DUE_DATE = "due_date", _("截止日期")
        TITLE = "title", _("标题")
        THEMES = "themes", _("主题")
        GOALS = "goals", _("五个中心目标")
        TARGETS = "targets", _("量化目标")

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("承诺"), on_delete=models.CASCADE, related_name="amendments"
    )
    field = models.CharField(_("调整项"), max_length=20, choices=Field.choices)
    old_value = models.TextField(_("原值"), blank=True)
    new_value = models.TextField(_("新值"), blank=True)
    reason = models.TextField(_("理由"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("调整人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="amendments",
    )
    made_at = models.DateTimeField(_("调整时间"), auto_now_add=True)

    class Meta:
        ordering = ["-made_at", "-id"]
        verbose_name = _("调整记录")
        verbose_name_plural = _("调整记录")
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="amendment_has_reason"),
        ]

    def __str__(self):
        return self.sentence

    @property
    def sentence(self):
        """截止日期由 2025-12-31 调整为 2030-12-31：理由……"""
        return _("%(field)s由 %(old)s 调整为 %(new)s：%(reason)s") % {
            "field": self.get_field_display(),
            "old": self.old_value or _("（无）"),
            "new": self.new_value or _("（无）"),
            "reason": self.reason,
        }
