"""Staff admin of articles, commitments and their progress, in Chinese.

Department editors see everything and record progress for their own departments' commitments,
through the 登记进展 page and the bulk status action (Commitment.update_status); with review on,
what they record waits for a reviewer. They change nothing else. Reviewers (审核人员) approve,
return and withdraw updates (admin_review.py) and may move goalposts — due date, title, themes,
goals, targets — with a reason that is published as an Amendment. Only a superuser corrects the
imported source text.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from departments.models import Department, is_reviewer
from pagecache import changes

from .admin_import import import_view
from .admin_lists import HTTPS_LINKS, ReadOnlyAdmin
from .forms import GOALPOST_FIELDS, CommitmentAdminForm, StatusUpdateForm
from .lineage import continuation_candidates
from .models import (
    Amendment,
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
from .status import Review, Signal

admin.site.site_header = gettext_lazy("PlanWatch 承诺督办")
admin.site.site_title = gettext_lazy("PlanWatch 管理")
admin.site.index_title = gettext_lazy("承诺与进展管理")
# The changelist has many columns; the sidebar would squeeze the titles to a few characters.
admin.site.enable_nav_sidebar = False

# Imported from the article: only a superuser corrects them (reviewers the title, with a reason).
SOURCE_FIELDS = ["article", "department", "official", "order", "text",
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


class MyDepartmentsFilter(admin.SimpleListFilter):
    """An editor's changelist opens on this: the commitments of the departments they edit."""

    title = gettext_lazy("负责部门")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        if is_reviewer(request.user):  # cached on the user: no query
            return []
        return [("1", _("我负责的部门"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(department__in=request.user.edited_departments.all())
        return queryset


class StatusUpdateInline(admin.TabularInline):
    """The history, read-only: updates are appended through 登记进展, never edited; the review
    columns say whether each is public, waiting, returned (with why) or withdrawn."""

    model = StatusUpdate
    verbose_name_plural = gettext_lazy("进展记录")
    fields = ["reported_on", "status", "progress", "note", "evidence_link", "author", "created_at",
              "review", "review_note"]
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

    @admin.display(description=gettext_lazy("审核意见或撤回理由"))
    def review_note(self, update):
        return review_note(update)


def review_note(update):
    if update.review == Review.WITHDRAWN:
        return _("%(who)s 于 %(when)s 撤回：%(why)s") % {
            "who": update.withdrawn_by or _("（已删除的账号）"),
            "when": f"{timezone.localtime(update.withdrawn_at):%Y-%m-%d %H:%M}",
            "why": update.withdrawal_reason,
        }
    return update.review_comment


class GoalpostFormSet(BaseInlineFormSet):
    """Goals and targets are goalposts: changing them needs the commitment form's reason."""

    def clean(self):
        super().clean()
        if self.has_changed() and not self.data.get("change_reason", "").strip():
            raise ValidationError(_("调整五个中心目标或量化目标时必须填写调整理由。"))


class CommitmentGoalInline(admin.TabularInline):
    model = CommitmentGoal
    formset = GoalpostFormSet
    extra = 0


class TargetInline(admin.TabularInline):
    model = Target
    formset = GoalpostFormSet
    extra = 0


class ReadableHistory(HistoricalRecordContextHelper):
    """History shows labels, not codes (待评估 → 部分完成, not not_rated → partial), and “—”
    where a value was empty, never None."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return "—"
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return super().prepare_delta_change_value(change, value)


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    form = CommitmentAdminForm
    object_history_list_template = "admin/commitments/commitment/object_history_list.html"
    list_display = ["title", "department", "status", "progress_percent", "due_date",
                    "last_update_on", "signal_badge"]
    list_filter = [MyDepartmentsFilter, "department", "status", "goals", "themes", OverdueFilter,
                   SignalFilter]
    list_select_related = ["department"]
    search_fields = ["title", "text", "department__name", "official__name"]
    filter_horizontal = ["themes"]
    inlines = [CommitmentGoalInline, TargetInline, StatusUpdateInline]
    actions = ["set_status"]
    # Searched as typed, not listed whole: a select of every article or official would grow
    # with the site (a superuser's form; others see these fields read-only).
    autocomplete_fields = ["article", "department", "official", "continues"]

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
        """Only reviewers change a commitment: every field an editor could reach is a goalpost."""
        return super().has_change_permission(request, obj) and is_reviewer(request.user)

    def changelist_view(self, request, extra_context=None):
        """An editor's list opens filtered to their departments (one click shows them all)."""
        # GET only: on a POST (an action) a narrowed queryset would silently drop a forged
        # selection of other departments' commitments instead of refusing it whole.
        if (
            request.method == "GET"
            and not request.GET
            and not is_reviewer(request.user)
            and request.user.edited_departments.exists()
        ):
            request.GET = QueryDict(f"{MyDepartmentsFilter.parameter_name}=1")
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("change_reason"):
            obj._change_reason = form.cleaned_data["change_reason"]  # the history's 修改原因
        super().save_model(request, obj, form, change)
        if not change:
            return
        reason = form.cleaned_data.get("change_reason", "")
        for name in GOALPOST_FIELDS:
            if name in form.changed_data:
                old, new = form.initial.get(name), form.cleaned_data[name]
                obj.amend(field=name, old=str(old or ""), new=str(new or ""), reason=reason,
                          author=request.user)

    def save_related(self, request, form, formsets, change):
        """Themes, goals and targets before and after, each change an Amendment."""
        if not change:
            return super().save_related(request, form, formsets, change)
        obj = form.instance
        before = goalposts_of(obj)
        super().save_related(request, form, formsets, change)
        after = goalposts_of(obj)
        reason = form.cleaned_data.get("change_reason", "")
        for name, old in before.items():
            if old != after[name]:
                obj.amend(field=name, old=old, new=after[name], reason=reason, author=request.user)
        return None

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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied(
                _("只有审核人员可以修改承诺的截止日期、标题、主题和目标；部门编辑请在承诺页面"
                  "使用“登记进展”。")
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view_title(self, request, obj):
        return _("查看历史记录：%(commitment)s") % {"commitment": obj}

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)

    def revert_disabled(self, request, obj=None):
        # Reverting to a historical row would also restore its status and progress behind
        # update_status's back, so that the commitment and its updates disagree.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A past version, to read: simple-history saves a POST here even for view-only users."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        if not (is_id(unquote(object_id)) and is_id(version_id)):
            raise Http404(_("没有这个版本。"))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if not is_id(unquote(object_id)):
            raise Http404(_("没有这条承诺。"))
        return super().history_view(request, object_id, extra_context)

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
            raise PermissionDenied(
                _("“%(title)s”属于%(department)s，您只能为自己负责的部门登记进展。")
                % {"title": commitment, "department": commitment.department}
            )
        if request.method != "POST":
            form = StatusUpdateForm(
                initial={"status": commitment.status, "progress": commitment.progress},
                not_before=commitment.article.published_on,
            )
            return self.render_record_form(request, commitment, form)
        form = StatusUpdateForm(request.POST, not_before=commitment.article.published_on)
        if not form.is_valid():
            return self.render_record_form(request, commitment, form, status=400)
        update = commitment.update_status(**form.cleaned_data, author=request.user)
        if update.review == Review.PENDING:
            message = _("已提交进展，待审核后公开：%(update)s")
        else:
            message = _("已登记进展：%(update)s")
        self.message_user(request, message % {"update": describe(update)})
        return redirect("admin:commitments_commitment_change", commitment.pk)

    def render_record_form(self, request, commitment, form, status=200):
        context = {
            **self.admin_site.each_context(request),
            "title": _("登记进展"),
            "subtitle": str(commitment),
            "review_required": (
                settings.PLANWATCH_REVIEW_UPDATES and not is_reviewer(request.user)
            ),
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
        form = StatusUpdateForm(
            request.POST if "apply" in request.POST else None,
            not_before=latest_article_day(queryset),
        )
        if not form.is_valid():
            return self.render_bulk_form(request, queryset, form)
        with changes.batch():
            # Every row locked first, in primary-key order: two bulk updates lock alike, and the
            # data version (pagecache), which the batch bumps at its end, is locked after them all.
            commitments = list(queryset.select_for_update(of=("self",)).order_by("pk"))
            for commitment in commitments:
                commitment.update_status(**form.cleaned_data, author=request.user)
        count = len(commitments)
        if settings.PLANWATCH_REVIEW_UPDATES and not is_reviewer(request.user):
            message = ngettext(
                "已为 %(count)d 条承诺提交进展，待审核后公开。",
                "已为 %(count)d 条承诺提交进展，待审核后公开。",
                count,
            )
        else:
            message = ngettext(
                "已为 %(count)d 条承诺登记进展。", "已为 %(count)d 条承诺登记进展。", count
            )
        self.message_user(request, message % {"count": count})
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
            '<span class="signal {}" style="color: {}">●</span> {}',
            signal.css_class, signal.colour, signal.label,
        )


def is_id(value):
    """Whether `value` can be a primary key: simple-history's views pass the ids of their URLs
    to the query as they are, where "abc" is a ValueError (a 500) rather than a 404."""
    return value.isascii() and value.isdigit()


def goalposts_of(commitment):
    """Themes, goals and targets of a commitment as comparable, readable text."""
    return {
        Amendment.Field.THEMES: "、".join(str(t) for t in commitment.themes.order_by("order")),
        Amendment.Field.GOALS: "、".join(str(g) for g in commitment.goals.order_by("order")),
        Amendment.Field.TARGETS: "；".join(
            t.text for t in commitment.targets.order_by("source_start", "pk")
        ),
    }


def latest_article_day(commitments):
    """The latest article date of these commitments (Asia/Shanghai), or None: one query."""
    latest = commitments.aggregate(latest=Max("article__published_at"))["latest"]
    return timezone.localdate(latest) if latest else None


def describe(update):
    return f"{update.get_status_display()} {update.progress}%"


def refused_message(refused):
    titles = "、".join(str(commitment) for commitment in refused[:5])
    count = refused.count()
    return ngettext(
        "您只能为本部门的承诺登记进展；所选的 %(count)d 条承诺不属于您负责的部门"
        "（%(titles)s），未作任何更改。",
        "您只能为本部门的承诺登记进展；所选的 %(count)d 条承诺不属于您负责的部门"
        "（%(titles)s），未作任何更改。",
        count,
    ) % {"count": count, "titles": titles}


def evidence_link(update):
    if not update.evidence_url:
        return ""
    return format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>', update.evidence_url)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "city", "published_at", "imported_at"]
    list_filter = ["source", "city"]
    # The original address of the article (url): typed without a scheme, it is an https one.
    formfield_overrides = HTTPS_LINKS
    search_fields = ["title", "text"]
    readonly_fields = ["content_hash", "imported_at"]
    date_hierarchy = "published_at"

    def get_urls(self):
        upload = path(
            "import/",
            # 上传文章: upload, preview, confirm (admin_import.py).
            self.admin_site.admin_view(lambda request: import_view(self, request)),
            name="commitments_article_import",
        )
        return [upload, *super().get_urls()]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["headline", "official", "department", "article", "order"]
    list_filter = ["department"]
    list_select_related = ["official", "department", "article"]
    search_fields = ["headline", "official__name", "department__name"]
    autocomplete_fields = ["article", "department", "official"]


# Goal links and targets are goalposts: they change on the commitment's page, where a
# reviewer's reason is required and each change is published, never in their own admin.


@admin.register(CommitmentGoal)
class CommitmentGoalAdmin(ReadOnlyAdmin):
    list_display = ["commitment", "goal", "keywords"]
    list_filter = ["goal"]
    list_select_related = ["commitment", "goal"]
    search_fields = ["commitment__title"]


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
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


from . import admin_review  # noqa: E402,F401  (registers the history's admin)
