"""Staff admin of articles, commitments and their progress, in Chinese.

Department editors see everything but change only their own departments' commitments, and only
through these paths: the commitment form (never its imported source text), the 登记进展 page and
the bulk status action, the last two through Commitment.update_status.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from departments.models import Department

from .forms import CommitmentAdminForm, StatusUpdateForm
from .lineage import continuation_candidates
from .models import (
    Article,
    Commitment,
    CommitmentGoal,
    Goal,
    Plan,
    Statement,
    StatusUpdate,
    Target,
    Theme,
)
from .status import Signal

admin.site.site_header = gettext_lazy("PlanWatch 承诺督办")
admin.site.site_title = gettext_lazy("PlanWatch 管理")
admin.site.index_title = gettext_lazy("承诺与进展管理")
# The changelist has many columns; the sidebar would squeeze the titles to a few characters.
admin.site.enable_nav_sidebar = False

SIGNAL_COLOURS = {Signal.RED: "#c0392b", Signal.AMBER: "#d68910", Signal.GREEN: "#1e8449"}

# Imported from the article: only a superuser may correct them.
SOURCE_FIELDS = ["article", "department", "official", "order", "title", "text",
                 "source_start", "source_end"]
# Moved only by update_status, or by the save itself.
DERIVED_FIELDS = ["status", "progress", "last_update_on", "signal_badge", "version",
                  "created_at", "updated_at", "continuation_suggestions"]


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("是否逾期")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("已逾期")), ("no", _("未逾期"))]

    def queryset(self, request, queryset):
        overdue = Commitment.objects.overdue().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue)
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue)
        return queryset


class SignalFilter(admin.SimpleListFilter):
    """Relies on the changelist's queryset being annotated by with_signal()."""

    title = gettext_lazy("督办信号")
    parameter_name = "signal"

    def lookups(self, request, model_admin):
        return Signal.choices

    def queryset(self, request, queryset):
        if self.value() in Signal.values:
            return queryset.filter(signal=self.value())
        return queryset


class StatusUpdateInline(admin.TabularInline):
    """The history, read-only: updates are appended through 登记进展, never edited."""

    model = StatusUpdate
    verbose_name_plural = gettext_lazy("进展记录")
    fields = ["reported_on", "status", "progress", "note", "evidence_link", "author", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author").latest_first()

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("佐证链接"))
    def evidence_link(self, update):
        return evidence_link(update)


class CommitmentGoalInline(admin.TabularInline):
    model = CommitmentGoal
    extra = 0


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    form = CommitmentAdminForm
    list_display = ["title", "department", "status", "progress_percent", "due_date",
                    "last_update_on", "signal_badge"]
    list_filter = ["department", "status", "goals", "themes", OverdueFilter, SignalFilter]
    list_select_related = ["department"]
    search_fields = ["title", "text", "department__name", "official__name"]
    filter_horizontal = ["themes"]
    inlines = [CommitmentGoalInline, TargetInline, StatusUpdateInline]
    actions = ["set_status"]
    autocomplete_fields = ["continues"]

    @admin.display(description=gettext_lazy("可能延续的承诺"))
    def continuation_suggestions(self, obj):
        """Commitments of earlier plans this one may continue (same department, similar text)."""
        if obj is None or obj.pk is None:
            return "-"
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a>（{}，{}%）</li>',
            (
                (
                    reverse("admin:commitments_commitment_change", args=[other.pk]),
                    other.title,
                    other.article.plan or "-",
                    round(score * 100),
                )
                for other, score in continuation_candidates(obj)
            ),
        )
        return format_html("<ul>{}</ul>", items) if items else "-"

    def get_queryset(self, request):
        return super().get_queryset(request).with_signal()

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return DERIVED_FIELDS
        return SOURCE_FIELDS + DERIVED_FIELDS

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.department.is_editable_by(request.user))

    def has_record_permission(self, request, obj=None):
        """May record status updates: for this commitment, or (without one) for any."""
        allowed = request.user.has_perm("commitments.add_statusupdate")
        return allowed and (obj is None or obj.department.is_editable_by(request.user))

    def get_object(self, request, object_id, from_field=None):
        """On POST, the row is locked until the admin's transaction commits.

        So the version check of CommitmentAdminForm and the save cannot interleave with
        another save, and a concurrent update_status waits instead of being overwritten.
        """
        obj = super().get_object(request, object_id, from_field)
        if obj is None or request.method != "POST":
            return obj
        return self.get_queryset(request).select_for_update(of=("self",)).filter(pk=obj.pk).first()

    def revert_disabled(self, request, obj=None):
        # Reverting to a historical row would also restore its status and progress behind
        # update_status's back, so that the commitment and its updates disagree.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A past version, to read: simple-history saves a POST here even for view-only users."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_record"] = obj is not None and self.has_record_permission(request, obj)
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if request.method == "POST":  # re-rendered only when the input was refused
            response.status_code = 409 if context["adminform"].form.is_stale() else 400
        return response

    def get_urls(self):
        record = path(
            "<path:object_id>/record/",
            self.admin_site.admin_view(self.record_view),
            name="commitments_commitment_record",
        )
        return [record, *super().get_urls()]

    @transaction.atomic
    def record_view(self, request, object_id):
        """登记进展: append one status update to a commitment of the user's departments."""
        commitment = self.get_object(request, unquote(object_id))
        if commitment is None:
            raise Http404(_("没有这条承诺。"))
        if not self.has_record_permission(request, commitment):
            raise PermissionDenied
        if request.method != "POST":
            form = StatusUpdateForm(
                initial={"status": commitment.status, "progress": commitment.progress}
            )
            return self.render_record_form(request, commitment, form)
        form = StatusUpdateForm(request.POST)
        if not form.is_valid():
            return self.render_record_form(request, commitment, form, status=400)
        update = commitment.update_status(**form.cleaned_data, author=request.user)
        self.message_user(request, _("已登记进展:%(update)s") % {"update": describe(update)})
        return redirect("admin:commitments_commitment_change", commitment.pk)

    def render_record_form(self, request, commitment, form, status=200):
        context = {
            **self.admin_site.each_context(request),
            "title": _("登记进展"),
            "subtitle": str(commitment),
            "opts": self.opts,
            "original": commitment,
            "form": form,
            "media": self.media + form.media,
        }
        template = "admin/commitments/commitment/record_status.html"
        return TemplateResponse(request, template, context, status=status)

    @admin.action(description=gettext_lazy("为所选承诺设置状态"), permissions=["record"])
    def set_status(self, request, queryset):
        """One status update, with one note, for each selected commitment (intermediate page)."""
        refused = queryset.exclude(department__in=Department.objects.editable_by(request.user))
        if refused.exists():
            self.message_user(request, refused_message(refused), messages.ERROR)
            return None
        form = StatusUpdateForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self.render_bulk_form(request, queryset, form)
        with transaction.atomic():
            # Every row locked first, in primary-key order: two bulk updates lock alike, and the
            # data version (pagecache), which each update_status bumps, is locked after them all.
            commitments = list(queryset.select_for_update(of=("self",)).order_by("pk"))
            for commitment in commitments:
                commitment.update_status(**form.cleaned_data, author=request.user)
        count = len(commitments)
        self.message_user(
            request,
            ngettext("已为 %(count)d 条承诺登记进展。", "已为 %(count)d 条承诺登记进展。", count)
            % {"count": count},
        )
        return None

    def render_bulk_form(self, request, queryset, form):
        context = {
            **self.admin_site.each_context(request),
            "title": _("为所选承诺设置状态"),
            "opts": self.opts,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        template = "admin/commitments/commitment/set_status.html"
        return TemplateResponse(request, template, context, status=400 if form.is_bound else 200)

    @admin.display(description=gettext_lazy("进度"), ordering="progress")
    def progress_percent(self, commitment):
        return f"{commitment.progress}%"

    @admin.display(description=gettext_lazy("最近更新"), ordering="last_update_on")
    def last_update_on(self, commitment):
        return commitment.last_update_on

    @admin.display(description=gettext_lazy("督办信号"), ordering="signal")
    def signal_badge(self, commitment):
        signal = commitment.signal
        return format_html(
            '<span class="signal signal-{}" style="color: {}">●</span> {}',
            signal.value, SIGNAL_COLOURS[signal], signal.label,
        )


def describe(update):
    return f"{update.get_status_display()} {update.progress}%"


def refused_message(refused):
    titles = "、".join(str(commitment) for commitment in refused[:5])
    return _(
        "您只能为本部门的承诺登记进展;所选的 %(count)d 条承诺不属于您负责的部门"
        "(%(titles)s),未作任何更改。"
    ) % {"count": refused.count(), "titles": titles}


def evidence_link(update):
    if not update.evidence_url:
        return ""
    return format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>', update.evidence_url)


@admin.register(StatusUpdate)
class StatusUpdateAdmin(admin.ModelAdmin):
    """Every status update of every commitment, read-only: the history is append-only."""

    list_display = ["commitment", "department", "status", "progress", "reported_on", "author",
                    "created_at"]
    list_filter = ["status", "commitment__department", "reported_on"]
    list_select_related = ["commitment__department", "author"]
    search_fields = ["commitment__title", "note"]
    date_hierarchy = "reported_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("部门"), ordering="commitment__department__order")
    def department(self, update):
        return update.commitment.department


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_at", "imported_at"]
    list_filter = ["source"]
    search_fields = ["title", "text"]
    readonly_fields = ["content_hash", "imported_at"]
    date_hierarchy = "published_at"


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["headline", "official", "department", "article", "order"]
    list_filter = ["department"]
    list_select_related = ["official", "department", "article"]
    search_fields = ["headline", "official__name", "department__name"]


@admin.register(CommitmentGoal)
class CommitmentGoalAdmin(admin.ModelAdmin):
    list_display = ["commitment", "goal", "keywords"]
    list_filter = ["goal"]
    list_select_related = ["commitment", "goal"]
    search_fields = ["commitment__title"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "value", "unit", "year", "commitment"]
    list_filter = ["kind", "year", "commitment__department"]
    list_select_related = ["commitment"]
    search_fields = ["text", "commitment__title"]


@admin.register(Goal, Theme)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "order"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "start_date", "end_date", "slug"]
    search_fields = ["name", "name_en", "slug"]
    filter_horizontal = ["goals"]
