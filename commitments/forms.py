"""Admin forms: editing a commitment under optimistic locking, and recording its progress."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Commitment, StatusUpdate

# What a reviewer may change, each change recorded publicly as an Amendment with its reason.
GOALPOST_FIELDS = ["due_date", "title"]

STALE_CODE = "stale"


class CommitmentAdminForm(forms.ModelForm):
    """Carries the version the form was loaded with; a save from an older version is refused.

    The check is only sound while the row is locked until the save commits: CommitmentAdmin
    loads the commitment with select_for_update() on POST, inside the admin's transaction.
    """

    loaded_version = forms.IntegerField(
        label=_("打开时的版本"), widget=forms.HiddenInput, required=False
    )
    change_reason = forms.CharField(
        label=_("调整理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("调整截止日期、标题、主题、五个中心目标或量化目标时必填，将随调整一并公开。"),
    )

    class Meta:
        model = Commitment
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and cleaned.get("loaded_version") != self.instance.version:
            self.add_error(
                None,
                forms.ValidationError(
                    _("该承诺已被他人修改:请重新打开本页,核对最新内容后再保存。"), code=STALE_CODE
                ),
            )
        self.check_text_matches_article(cleaned)
        moved = [name for name in GOALPOST_FIELDS if name in self.changed_data]
        moved += [name for name in ("themes",) if name in self.changed_data]
        if moved and not (cleaned.get("change_reason") or "").strip():
            self.add_error("change_reason", _("调整截止日期、标题或主题时必须填写理由。"))
        return cleaned

    def check_text_matches_article(self, cleaned):
        """The text must stay the article's characters between the two offsets."""
        span = [cleaned.get(name) for name in ("article", "source_start", "source_end", "text")]
        if "text" not in self.fields or None in span:
            return
        article, start, end, text = span
        if article.text[start:end] != text:
            self.add_error("text", _("原文必须与文章在起止位置之间的文字完全一致。"))

    def is_stale(self):
        return self.has_error(NON_FIELD_ERRORS, code=STALE_CODE)

    def save(self, commit=True):
        if self.instance.pk is not None:
            self.instance.version += 1
        return super().save(commit)


def https_by_default(field, **kwargs):
    """A pasted link without a scheme becomes https://, as it will by default in Django 6."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class StatusUpdateForm(forms.ModelForm):
    """One status update, for one commitment or for several at once (the bulk action).

    The progress must fit the status (StatusUpdate.clean()), and the report date lie between
    the latest of the commitments' article dates and today (Asia/Shanghai), as
    StatusUpdate.clean() requires of each commitment.
    """

    class Meta:
        model = StatusUpdate
        formfield_callback = https_by_default
        fields = ["status", "progress", "note", "evidence_url", "reported_on"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, not_before=None, **kwargs):
        """`not_before`: the latest article date of the commitments the update is for."""
        super().__init__(*args, **kwargs)
        self.not_before = not_before

    def clean(self):
        # The progress is checked against the status by StatusUpdate.clean() (in _post_clean).
        cleaned = super().clean()
        self.check_reported_on(cleaned.get("reported_on"))
        return cleaned

    def check_reported_on(self, reported_on):
        if reported_on is None:
            return
        today = timezone.localdate()
        if reported_on > today:
            self.add_error(
                "reported_on", _("报告日期不能晚于今天（%(today)s）。") % {"today": today.isoformat()}
            )
            return
        if self.not_before and reported_on < self.not_before:
            self.add_error(
                "reported_on",
                _("报告日期不能早于承诺所在文章的发布日期（%(date)s）。")
                % {"date": self.not_before.isoformat()},
            )


class ReviewForm(forms.Form):
    """A reviewer's decision on a pending update: approve, or return it with a comment."""

    APPROVE, RETURN = "approve", "return"
    decision = forms.ChoiceField(
        label=_("审核结论"),
        choices=[(APPROVE, _("通过并发布")), (RETURN, _("退回填报人"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("退回时必填，填报人可以看到。"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("退回时必须填写意见。"))
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("将与撤回人、撤回时间一起公开显示。"),
    )
