"""Admin forms: editing a commitment under optimistic locking, and recording its progress."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Commitment, StatusUpdate

STALE_CODE = "stale"


class CommitmentAdminForm(forms.ModelForm):
    """Carries the version the form was loaded with; a save from an older version is refused.

    The check is only sound while the row is locked until the save commits: CommitmentAdmin
    loads the commitment with select_for_update() on POST, inside the admin's transaction.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Commitment
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("loaded_version") != self.instance.version:
            self.add_error(
                None,
                forms.ValidationError(
                    _("该承诺已被他人修改:请重新打开本页,核对最新内容后再保存。"), code=STALE_CODE
                ),
            )
        self.check_text_matches_article(cleaned)
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
    """One status update, for one commitment or for several at once (the bulk action)."""

    class Meta:
        model = StatusUpdate
        formfield_callback = https_by_default
        fields = ["status", "progress", "note", "evidence_url", "reported_on"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
