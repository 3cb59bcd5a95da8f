"""上传文章: staff upload an article in the admin, read a preview, and confirm to store it.

The preview writes nothing. The uploaded bytes travel to the confirmation inside a signed token
(django.core.signing, bound to the user and to one hour): a forged or edited confirmation cannot
store other text than the one previewed. Both steps go through importer.read_article, so the
refusals are the command's, and the confirmation stores in one transaction.
"""

import base64
import hashlib
import zlib
from types import SimpleNamespace

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importer import (
    MAX_BYTES,
    ArticleImportError,
    ArticleParseError,
    read_article,
    store_article,
)
from .models import Article, Target
from .parsing import GOALS, THEMES
from .templatetags.source_text import article_paragraphs

PERMISSION = "commitments.import_article"
SALT = "commitments.admin_import"
PREVIEW_MAX_AGE = 60 * 60  # seconds a preview may be confirmed


class ArticleUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("文章文件"),
        required=False,
        help_text=gettext_lazy("保存的文章文本(UTF-8 或 GB18030)或网页文件。"),
    )
    text = forms.CharField(
        label=gettext_lazy("或粘贴文章原文"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
    )
    city = forms.CharField(
        label=gettext_lazy("城市"),
        required=False,
        max_length=Article._meta.get_field("city").max_length,
        help_text=gettext_lazy("文章未写明所讲城市时填写,如:武汉。"),
    )
    prune = forms.BooleanField(
        label=gettext_lazy("允许删除新版本中不再出现的承诺"),
        required=False,
        help_text=gettext_lazy("仅在重新导入已修改的文章时需要;有进展记录的承诺不会被删除。"),
    )

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        if upload and text.strip():
            raise forms.ValidationError(_("请只上传文件或只粘贴原文,不要同时提供。"))
        if upload:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    _("文件大于 %(limit)d MB,不是一篇文章,未写入任何内容。")
                    % {"limit": MAX_BYTES // (1024 * 1024)}
                )
            cleaned["raw"], cleaned["filename"] = upload.read(), upload.name
        elif text.strip():
            cleaned["raw"], cleaned["filename"] = text.encode("utf-8"), None
        else:
            raise forms.ValidationError(_("请上传文章文件,或粘贴文章原文。"))
        return cleaned


class ConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)


def sign_upload(user, raw, filename, city, prune):
    content = {
        # Compressed before encoding: a base64 text would hardly compress inside the token.
        "raw": base64.b64encode(zlib.compress(raw)).decode("ascii"),
        "filename": filename,
        "city": city,
        "prune": prune,
        "user": user.pk,
    }
    return signing.dumps(content, salt=SALT)


def unsign_upload(user, payload):
    """The upload the preview showed; raises BadSignature if forged, edited, expired or another's."""
    content = signing.loads(payload, salt=SALT, max_age=PREVIEW_MAX_AGE)
    if content.get("user") != user.pk:
        raise signing.BadSignature("signed for another user")
    content["raw"] = zlib.decompress(base64.b64decode(content["raw"]))
    return content


def import_view(model_admin, request):
    """GET: the upload form. POST: a preview (upload) or the stored article (confirm)."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if request.method == "POST" and "payload" in request.POST:
        return confirm(model_admin, request)
    if request.method != "POST":
        return render_upload(model_admin, request, ArticleUploadForm())
    form = ArticleUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_upload(model_admin, request, form, status=400)
    data = form.cleaned_data
    try:
        parsed = read_article(data["raw"], filename=data["filename"], city=data["city"])
    except (ArticleParseError, ArticleImportError) as error:
        form.add_error(None, str(error))
        return render_upload(model_admin, request, form, status=400)
    payload = sign_upload(request.user, data["raw"], data["filename"], data["city"], data["prune"])
    return render_preview(model_admin, request, parsed, payload, data["prune"])


def confirm(model_admin, request):
    form = ConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise signing.BadSignature("no payload")
        upload = unsign_upload(request.user, form.cleaned_data["payload"])
    except (signing.BadSignature, ValueError, TypeError, KeyError, zlib.error):
        message = _("这份预览已过期或已被改动,未写入任何内容;请重新上传文章。")
        return render_upload(model_admin, request, ArticleUploadForm(), 400, [message])
    try:
        with transaction.atomic():
            parsed = read_article(upload["raw"], filename=upload["filename"], city=upload["city"])
            result = store_article(parsed, prune=upload["prune"])
    except (ArticleParseError, ArticleImportError) as error:
        form = ArticleUploadForm(initial={"city": upload["city"], "prune": upload["prune"]})
        refusals = [str(error)]
        if "--prune" in str(error):  # the command's option is the form's checkbox here
            refusals.append(_("如确实删去了这些承诺,请勾选“允许删除新版本中不再出现的承诺”后重新上传。"))
        return render_upload(model_admin, request, form, 400, refusals)
    outcome = {
        "created": _("已导入"),
        "updated": _("已更新"),
        "unchanged": _("与已存储的文章相同,未作更改"),
    }[result.outcome]
    model_admin.message_user(
        request,
        _("%(outcome)s:“%(title)s”,%(departments)d 个部门,%(commitments)d 条承诺。")
        % {
            "outcome": outcome,
            "title": result.article.title,
            "departments": result.departments,
            "commitments": result.commitments,
        },
        messages.SUCCESS,
    )
    return redirect("admin:commitments_article_change", result.article.pk)


def context_for(model_admin, request, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.opts,
        "has_view_permission": model_admin.has_view_permission(request),
        **extra,
    }


def render_upload(model_admin, request, form, status=200, errors=()):
    """The upload form; `errors` are refusals of a confirmation, shown as the form's own."""
    errors = [*(form.non_field_errors() if form.is_bound else []), *errors]
    context = context_for(
        model_admin, request, _("上传文章"), form=form, errors=errors, max_mb=MAX_BYTES // 2**20
    )
    template = "admin/commitments/article/import_form.html"
    return TemplateResponse(request, template, context, status=status)


def labelled(targets):
    labels = dict(Target.Kind.choices)
    return [
        {"text": t.text, "year": t.year, "label": labels.get(t.kind, t.kind)} for t in targets
    ]


def vocabulary_names(entries):
    english = (get_language() or "").startswith("en")
    return {entry.slug: entry.name_en if english else entry.name for entry in entries}


def render_preview(model_admin, request, parsed, payload, prune):
    baseline = Target.Kind.BASELINE
    theme_names, goal_names = vocabulary_names(THEMES), vocabulary_names(GOALS)
    spans, departments = [], []
    for block in parsed.departments:
        commitments = []
        for item in block.commitments:
            span = SimpleNamespace(
                source_start=item.start, source_end=item.end, title=item.title,
                department=block.name, number=len(spans) + 1,
            )
            spans.append(span)
            commitments.append(
                {
                    "number": span.number,
                    "item": item,
                    "themes": [theme_names.get(slug, slug) for slug in item.themes],
                    "goals": [goal_names.get(match.slug, match.slug) for match in item.goals],
                    "targets": labelled(t for t in item.targets if t.kind != baseline),
                    "baselines": labelled(t for t in item.targets if t.kind == baseline),
                }
            )
        departments.append({"block": block, "commitments": commitments})
    content_hash = hashlib.sha256(parsed.text.encode("utf-8")).hexdigest()
    stored = Article.objects.filter(content_hash=content_hash).first()
    same_article = stored or Article.objects.filter(
        source=parsed.source, title=parsed.title, published_at=parsed.published_at
    ).first()
    context = context_for(
        model_admin,
        request,
        _("预览:%(title)s") % {"title": parsed.title},
        parsed=parsed,
        url=parsed.url or "",
        city=parsed.city or "",
        warnings=list(parsed.warnings),
        departments=departments,
        commitment_count=len(spans),
        paragraphs=article_paragraphs(parsed.text, spans),
        payload=payload,
        prune=prune,
        unchanged=stored is not None,
        replaces=same_article if stored is None else None,
    )
    return TemplateResponse(request, "admin/commitments/article/import_preview.html", context)
