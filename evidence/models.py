"""Later documents read for evidence, their passages, the matcher's suggestions and the actual
figures observed against targets."""

import hashlib

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, StatusUpdate, Target
from pagecache.changes import TrackedQuerySet


def text_hash(text: str) -> str:
    """The passage's text without its whitespace, hashed: the same sentence in a re-published
    document hashes alike."""
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()


class EvidenceDocument(models.Model):
    class Format(models.TextChoices):
        TEXT = "text", _("纯文本")
        HTML = "html", _("网页")

    title = models.CharField(_("标题"), max_length=300)
    published_at = models.DateField(_("发布日期"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=100, blank=True)
    source_url = models.URLField(_("原文链接"), max_length=500, blank=True)
    text = models.TextField(_("正文"))
    format = models.CharField(_("格式"), max_length=10, choices=Format.choices, default=Format.TEXT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="evidence_documents",
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    sha256 = models.CharField(_("内容哈希"), max_length=64, unique=True, editable=False)

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("佐证文件")
        verbose_name_plural = _("佐证文件")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evidence:document", args=[self.pk])


class Passage(models.Model):
    """A sentence of a document, or the smallest run of it that reports on one thing."""

    document = models.ForeignKey(
        EvidenceDocument, verbose_name=_("佐证文件"), on_delete=models.CASCADE,
        related_name="passages",
    )
    start = models.PositiveIntegerField(_("起点"))
    end = models.PositiveIntegerField(_("终点"))
    text = models.TextField(_("原文"))

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["document", "start"]
        verbose_name = _("段落")
        verbose_name_plural = _("段落")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="passage_end_after_start"
            ),
            models.UniqueConstraint(fields=["document", "start"], name="passage_unique_start"),
        ]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return f"{self.document.get_absolute_url()}#passage-{self.pk}"


class SuggestionQuerySet(TrackedQuerySet):
    def for_reviewer(self, user):
        """The suggestions a user may see and act on: of the departments they edit."""
        from departments.models import Department

        if user.is_superuser:
            return self
        return self.filter(commitment__department__in=Department.objects.editable_by(user))

    def accepted(self):
        return self.filter(state=Suggestion.State.ACCEPTED)


class Suggestion(models.Model):
    """The matcher's proposal that a passage reports on a commitment, and the reviewer's verdict."""

    class State(models.TextChoices):
        PENDING = "pending", _("待审核")
        ACCEPTED = "accepted", _("已采纳")
        REJECTED = "rejected", _("已驳回")

    passage = models.ForeignKey(
        Passage, verbose_name=_("段落"), on_delete=models.CASCADE, related_name="suggestions"
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("承诺"), on_delete=models.CASCADE,
        related_name="evidence_suggestions",
    )
    rank = models.PositiveSmallIntegerField(_("名次"), default=1)
    score = models.FloatField(_("匹配得分"))
    numbers = models.JSONField(_("数字与目标"), default=list, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices,
                             default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="evidence_decisions",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    status_update = models.OneToOneField(
        StatusUpdate, verbose_name=_("进展更新"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="evidence",
    )
    observation = models.OneToOneField(
        "TargetObservation", verbose_name=_("目标实际值"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="suggestion",
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["passage__document", "passage__start", "rank"]
        verbose_name = _("匹配建议")
        verbose_name_plural = _("匹配建议")
        constraints = [
            models.UniqueConstraint(fields=["passage", "commitment"],
                                    name="suggestion_unique_pair"),
            models.CheckConstraint(
                condition=models.Q(state__in=["pending", "accepted", "rejected"]),
                name="suggestion_state_known",
            ),
            models.CheckConstraint(
                condition=models.Q(state="pending") | models.Q(decided_at__isnull=False),
                name="suggestion_decided_when_decided",
            ),
        ]
        indexes = [
            # The review queue (pending, by department) and a commitment page's accepted evidence.
            models.Index(fields=["commitment", "state"], name="suggestion_commitment_state"),
            models.Index(fields=["state", "passage"], name="suggestion_state_passage"),
        ]

    def __str__(self):
        return f"{self.passage} → {self.commitment}"

    @property
    def quote(self):
        """The passage as a status update's note: the document's title, then its words."""
        return f"《{self.passage.document.title}》:{' '.join(self.passage.text.split())}"

    @transaction.atomic
    def accept_as_status(self, *, user, status, progress, reported_on, evidence_url):
        """Accept: a status update of the commitment, quoting the passage, through update_status."""
        self._lock_pending()
        update = self.commitment.update_status(
            status=status, progress=progress, note=self.quote, evidence_url=evidence_url,
            author=user, reported_on=reported_on,
        )
        self._decide(user, self.State.ACCEPTED, status_update=update)
        return update

    @transaction.atomic
    def accept_as_observation(self, *, user, target, value, unit, observed_on, source_url):
        """Accept: the actual figure the passage states for one of the commitment's targets."""
        self._lock_pending()
        if target.commitment_id != self.commitment_id:
            raise ValueError("The target belongs to another commitment.")
        observation = TargetObservation(
            target=target, value=value, unit=unit, observed_on=observed_on,
            source_url=source_url, quote=self.quote, document=self.passage.document,
            recorded_by=user,
        )
        observation.full_clean()
        observation.save()
        self._decide(user, self.State.ACCEPTED, observation=observation)
        return observation

    @transaction.atomic
    def reject(self, *, user):
        """Reject, and remember the pair so that the passage's text is never suggested again."""
        self._lock_pending()
        RejectedPair.objects.get_or_create(
            text_hash=text_hash(self.passage.text), commitment=self.commitment,
            defaults={"rejected_by": user},
        )
        self._decide(user, self.State.REJECTED)

    def _lock_pending(self):
        state = Suggestion.objects.select_for_update().values_list("state", flat=True).get(
            pk=self.pk
        )
        if state != self.State.PENDING:
            raise SuggestionDecided("This suggestion has already been decided.")

    def _decide(self, user, state, **links):
        self.state, self.decided_by, self.decided_at = state, user, timezone.now()
        for name, value in links.items():
            setattr(self, name, value)
        self.save(update_fields=["state", "decided_by", "decided_at", *links])


class SuggestionDecided(ValueError):
    """A suggestion is accepted or rejected once."""


class RejectedPair(models.Model):
    """A passage's text a reviewer said does not report on a commitment: never suggested again."""

    text_hash = models.CharField(_("段落哈希"), max_length=64)
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("承诺"), on_delete=models.CASCADE, related_name="+"
    )
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    created_at = models.DateTimeField(_("驳回时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已驳回的匹配")
        verbose_name_plural = _("已驳回的匹配")
        constraints = [
            models.UniqueConstraint(fields=["text_hash", "commitment"],
                                    name="rejectedpair_unique"),
        ]

    def __str__(self):
        return f"{self.text_hash[:8]} ✗ {self.commitment_id}"


class TargetObservation(models.Model):
    """An actual figure observed for a quantitative target, with its source."""

    target = models.ForeignKey(
        Target, verbose_name=_("目标"), on_delete=models.CASCADE, related_name="observations"
    )
    value = models.DecimalField(_("实际值"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=20)
    observed_on = models.DateField(_("观测日期"))
    source_url = models.URLField(_("来源链接"), max_length=500, blank=True)
    quote = models.TextField(_("原文引述"), blank=True)
    document = models.ForeignKey(
        EvidenceDocument, verbose_name=_("佐证文件"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="observations",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["target_id", "-observed_on", "-id"]
        verbose_name = _("目标实际值")
        verbose_name_plural = _("目标实际值")
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=0),
                                   name="observation_value_not_negative"),
            models.CheckConstraint(condition=~models.Q(unit=""), name="observation_has_unit"),
            # A figure without a quote or a link cannot be checked.
            models.CheckConstraint(
                condition=~models.Q(quote="") | ~models.Q(source_url="")
                | models.Q(document__isnull=False),
                name="observation_has_source",
            ),
        ]
        indexes = [
            # The latest observation of each target on a commitment page.
            models.Index(fields=["target", "-observed_on"], name="observation_latest"),
        ]

    def __str__(self):
        return f"{self.target}: {self.value.normalize()} {self.unit}"
