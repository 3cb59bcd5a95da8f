"""Staff admin of evidence: upload a document, review the matcher's suggestions, record figures.

Editors see and decide suggestions for their own departments' commitments only; a decision on any
other is refused with 403 and changes nothing.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments.admin_lists import HTTPS_LINKS, ReadOnlyAdmin

from .forms import AcceptObservationForm, AcceptStatusForm, UploadForm
from .importer import store
from .models import (
    EvidenceDocument,
    Passage,
    Suggestion,
    SuggestionDecided,
    TargetObservation,
)

# Characters of the document shown either side of the passage under review.
CONTEXT_CHARS = 300


@admin.register(EvidenceDocument)
class EvidenceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_at", "passage_count", "uploaded_by", "created_at"]
    search_fields = ["title", "text"]
    date_hierarchy = "created_at"
    readonly_fields = ["title", "published_at", "source", "source_url", "format", "uploaded_by",
                       "created_at", "sha256", "text"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(passage_total=Count("passages"))

    @admin.display(description=gettext_lazy("段落数"), ordering="passage_total")
    def passage_count(self, document):
        return document.passage_total

    def has_change_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """Upload a file or pasted text: stored with its passages and pending suggestions."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
        if posted and form.is_valid():
            document = store(form.analysis, user=request.user)
            self.message_user(request, _("已导入“%(title)s”:%(passages)d 个段落,%(count)d 条匹配建议待审核。") % {
                "title": document.title, "passages": len(form.analysis.passages),
                "count": form.analysis.suggestion_count,
            })
            queue = reverse("admin:evidence_suggestion_changelist")
            query = f"state__exact=pending&passage__document__id__exact={document.pk}"
            return redirect(f"{queue}?{query}")
        context = {
            **self.admin_site.each_context(request),
            "title": _("上传佐证文件"),
            "opts": self.opts,
            "form": form,
        }
        status = 400 if form.is_bound else 200
        return TemplateResponse(request, "admin/evidence/upload.html", context, status=status)


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    """The review queue: each row a passage and one candidate commitment, decided on the
    review page only."""

    list_display = ["passage_excerpt", "commitment", "department", "score_display",
                    "numbers_display", "state", "review_link"]
    list_filter = ["state", "commitment__department", "passage__document"]
    list_select_related = ["passage", "commitment__department"]
    search_fields = ["passage__text", "commitment__title"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_reviewer(request.user)

    def get_urls(self):
        review = path("<int:pk>/review/", self.admin_site.admin_view(self.review_view),
                      name="evidence_suggestion_review")
        return [review, *super().get_urls()]

    @admin.display(description=gettext_lazy("段落"))
    def passage_excerpt(self, suggestion):
        text = " ".join(suggestion.passage.text.split())
        return text if len(text) <= 60 else f"{text[:60]}…"

    @admin.display(description=gettext_lazy("部门"), ordering="commitment__department__order")
    def department(self, suggestion):
        return suggestion.commitment.department

    @admin.display(description=gettext_lazy("匹配得分"), ordering="score")
    def score_display(self, suggestion):
        return f"{suggestion.score:.1f}"

    @admin.display(description=gettext_lazy("数字与目标"))
    def numbers_display(self, suggestion):
        return "; ".join(describe_number(number) for number in suggestion.numbers)

    @admin.display(description="")
    def review_link(self, suggestion):
        url = reverse("admin:evidence_suggestion_review", args=[suggestion.pk])
        return format_html('<a href="{}">{}</a>', url, _("审核"))

    def review_view(self, request, pk):
        suggestion = (
            Suggestion.objects.select_related("passage__document", "commitment__department")
            .filter(pk=pk).first()
        )
        if suggestion is None:
            raise Http404(_("没有这条匹配建议。"))
        if not self.has_view_permission(request) or not (
            suggestion.commitment.department.is_editable_by(request.user)
        ):
            raise PermissionDenied
        document = suggestion.passage.document
        on = document.published_at
        initial = {"status": suggestion.commitment.status,
                   "progress": suggestion.commitment.progress}
        status_form = AcceptStatusForm(
            request.POST if request.POST.get("action") == "status" else None,
            initial={**initial, "reported_on": on} if on else initial,
        )
        observation_form = AcceptObservationForm(
            request.POST if request.POST.get("action") == "observation" else None,
            commitment=suggestion.commitment, initial=observation_initial(suggestion, on),
        )
        if request.method == "POST":
            response = self.decide(request, suggestion, status_form, observation_form)
            if response is not None:
                return response
        context = {
            **self.admin_site.each_context(request),
            "title": _("审核匹配建议"),
            "opts": self.opts,
            "suggestion": suggestion,
            "document": document,
            "context": passage_in_context(suggestion.passage),
            "candidates": Suggestion.objects.for_reviewer(request.user)
            .filter(passage=suggestion.passage).select_related("commitment__department")
            .prefetch_related("commitment__targets").order_by("rank"),
            "status_form": status_form,
            "observation_form": observation_form,
        }
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, "admin/evidence/review.html", context, status=status)

    def decide(self, request, suggestion, status_form, observation_form):
        """Apply the reviewer's verdict; None when a form was invalid (re-rendered with 400)."""
        action = request.POST.get("action")
        evidence_url = suggestion.passage.document.source_url or request.build_absolute_uri(
            suggestion.passage.get_absolute_url()
        )
        try:
            if action == "reject":
                suggestion.reject(user=request.user)
                self.message_user(request, _("已驳回,这段文字不会再被建议给这条承诺。"))
            elif action == "status" and status_form.is_valid():
                suggestion.accept_as_status(user=request.user, evidence_url=evidence_url,
                                            **status_form.cleaned_data)
                self.message_user(request, _("已采纳,并为承诺登记进展。"))
            elif action == "observation" and observation_form.is_valid():
                suggestion.accept_as_observation(
                    user=request.user, source_url=suggestion.passage.document.source_url,
                    **observation_form.cleaned_data,
                )
                self.message_user(request, _("已采纳,并登记目标实际值。"))
            else:
                return None
        except SuggestionDecided:
            self.message_user(request, _("这条建议已审核过,未作更改。"), messages.WARNING)
        queue = reverse("admin:evidence_suggestion_changelist")
        return redirect(f"{queue}?state__exact=pending")


def observation_initial(suggestion, on):
    """The first figure the matcher lined up with a target, ready to record."""
    initial = {"observed_on": on} if on else {}
    for number in suggestion.numbers:
        if number.get("target"):
            initial.update(target=number["target"], value=number["value"], unit=number["unit"])
            break
    return initial


def passage_in_context(passage):
    """The text before the passage, the passage, and the text after it, within CONTEXT_CHARS."""
    text = passage.document.text
    start = max(0, passage.start - CONTEXT_CHARS)
    end = min(len(text), passage.end + CONTEXT_CHARS)
    return {
        "before": ("…" if start else "") + text[start:passage.start],
        "passage": text[passage.start:passage.end],
        "after": text[passage.end:end] + ("…" if end < len(text) else ""),
    }


def describe_number(number):
    found = f"{number['value']:g}{number['unit']}"
    if not number.get("target"):
        return found
    return _("%(found)s ↔ 目标 %(target)s") % {"found": found, "target": number["target_text"]}


@admin.register(TargetObservation)
class TargetObservationAdmin(admin.ModelAdmin):
    list_display = ["target", "value", "unit", "observed_on", "document", "recorded_by"]
    list_select_related = ["target", "document", "recorded_by"]
    list_filter = ["target__commitment__department"]
    search_fields = ["target__text", "quote"]
    raw_id_fields = ["target", "document"]
    formfield_overrides = HTTPS_LINKS

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser


@admin.register(Passage)
class PassageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "document", "start", "end"]
    list_select_related = ["document"]
    search_fields = ["text"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
