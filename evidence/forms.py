"""The admin's forms: uploading a document, and a reviewer's verdict on a suggestion."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.models import PROGRESS_VALIDATORS, Target
from commitments.status import Status

from .importer import analyse
from .reading import EvidenceReadError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=_("文件"), required=False,
                           help_text=_("纯文本(UTF-8 或 GB18030)。"))
    text = forms.CharField(label=_("或粘贴正文"), required=False,
                           widget=forms.Textarea(attrs={"rows": 12}))
    title = forms.CharField(label=_("标题"), max_length=300, required=False,
                            help_text=_("留空则取正文第一行。"))
    source_url = forms.URLField(label=_("原文链接"), max_length=500, required=False,
                                assume_scheme="https")
    published_at = forms.DateField(label=_("发布日期"), required=False)

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text", "")
        if self.errors:
            return data
        if upload and text.strip():
            raise forms.ValidationError(_("请上传文件或粘贴正文,二者选其一。"))
        if not upload and not text.strip():
            raise forms.ValidationError(_("请上传文件或粘贴正文。"))
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过 5 MB。"))
        raw = upload.read() if upload else text
        try:
            self.analysis = analyse(
                raw, upload.name if upload else "", title=data.get("title", ""),
                source_url=data.get("source_url", ""), published_at=data.get("published_at"),
            )
        except EvidenceReadError as error:
            raise forms.ValidationError(str(error)) from None
        return data


class AcceptStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=Status.choices)
    progress = forms.IntegerField(label=_("进度"), validators=PROGRESS_VALIDATORS)
    reported_on = forms.DateField(label=_("报告日期"), initial=timezone.localdate)


class AcceptObservationForm(forms.Form):
    target = forms.ModelChoiceField(label=_("目标"), queryset=Target.objects.none())
    value = forms.DecimalField(label=_("实际值"), max_digits=14, decimal_places=2, min_value=0)
    unit = forms.CharField(label=_("单位"), max_length=20)
    observed_on = forms.DateField(label=_("观测日期"), initial=timezone.localdate)

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = commitment.targets.filter(kind=Target.Kind.QUANTITY)
