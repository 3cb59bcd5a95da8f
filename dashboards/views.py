"""Public pages of commitments: plans and their account, the list, its exports, goals, articles."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from commitments.account import OUTCOMES
from commitments.models import Article, Commitment, Goal, Plan, ProgressTally, StatusUpdate
from commitments.querysets import today
from commitments.status import Status
from evidence.queries import evidence_for
from planwatch.database import ExportTooLong, export_transaction

from . import charts, csv_copy, exports
from .filters import CommitmentFilter
from .pages import Page, cached_page
from .scope import plan_in_query, plan_query

PAGE_SIZE = 25
MAX_PAGES = 200
# A goal or department page lists this many commitments; the filtered list has them all.
LISTED = 60
LATEST_UPDATES = 8
# The overview names this many of the plan's articles; /articles/ lists them all.
NAMED_ARTICLES = 5
# The account lists this many unrated commitments; the list filtered by status has them all.
UNRATED_LISTED = 500
EXPORT_CHUNK = exports.EXPORT_CHUNK
# The parameters the list reads, in a fixed order: all that its rendering depends on.
LIST_QUERY = [*CommitmentFilter.base_filters, "page"]


@cached_page("dashboards/overview.html")
def overview():
    """The plan shown by default (Plan.objects.shown_by_default()); every commitment when no
    plan has any, as before plans existed."""
    return overview_page(Plan.objects.shown_by_default())


@cached_page("dashboards/overview.html")
def plan_overview(slug):
    return overview_page(get_object_or_404(Plan, slug=slug))


def overview_page(plan):
    """Totals, status, progress per goal and per department, latest updates, the plan's
    articles: eight queries."""
    tallies = ProgressTally.objects.for_plan(plan)
    summary = tallies.of_commitments().summary(today())
    goals = tallies.by_goal()
    updates = StatusUpdate.objects.published().latest_first().with_related()
    if plan is not None:
        updates = updates.filter(commitment__article__plan=plan)
    filters = {"plan": plan.slug} if plan else {}
    context = {
        "plan": plan,
        "plan_query": f"?plan={plan.slug}" if plan else "",
        "closed": plan is not None and plan.is_closed(),
        "summary": summary,
        "goals": goals,
        "updates": updates[:LATEST_UPDATES],
    }
    if plan is not None:  # the first few by name: a plan read from the press has hundreds
        articles = list(Article.objects.filter(plan=plan).defer("text")[: NAMED_ARTICLES + 1])
        context["articles"] = articles[:NAMED_ARTICLES]
        context["more_articles"] = len(articles) > NAMED_ARTICLES
    if summary["total"]:
        context["charts"] = [
            charts.plan_chart(today(), summary["mean_progress"], plan, **filters),
            charts.status_chart(summary, **filters),
            charts.progress_chart("chart-goals", _("各中心平均进度"), goals, "goal", **filters),
            charts.progress_chart(
                "chart-departments",
                _("各部门平均进度"),
                tallies.of_commitments().by_department(),
                "department",
                **filters,
            ),
        ]
    return Page(context, title=_("总览"))


@cached_page("dashboards/plan_account.html")
def plan_account(slug):
    """The plan's outcomes in total and per department, and its unrated commitments: four
    queries, however many commitments."""
    plan = get_object_or_404(Plan, slug=slug)
    totals, departments = ProgressTally.objects.for_plan(plan).account()
    unrated = (
        Commitment.objects.for_plan(plan).filter(status=Status.NOT_RATED)
        .select_related("department")
        .only("title", "due_date", "department__name", "department__slug")
    )
    context = {
        "plan": plan,
        "closed": plan.is_closed(),
        "totals": totals,
        "departments": departments,
        "outcomes": [(name, label) for name, (label, _statuses) in OUTCOMES.items()],
        "unrated": unrated[:UNRATED_LISTED],
        "unrated_listed": UNRATED_LISTED,
    }
    return Page(context, title=_("%(plan)s期末账本") % {"plan": plan.localized_name})


@cached_page("dashboards/commitment_list.html", query=LIST_QUERY, scripts=["js/filters.js"])
def commitment_list(query):
    """The filter form, the count and a page of rows, or the form's errors (400)."""
    filterset = CommitmentFilter(query, queryset=Commitment.objects.as_list_rows().with_schedule())
    context = {"filter": filterset, "params": query}
    if not filterset.is_valid():
        return Page(context, title=_("承诺列表"), status=400)
    context["page"] = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(query.get("page"))
    return Page(context, title=_("承诺列表"))


class CappedPaginator(Paginator):
    """At most MAX_PAGES pages. A page is read with OFFSET, which sorts and skips every row
    before it: three to five times slower 2,000 pages in. Past a few thousand rows, filters
    find faster."""

    @cached_property
    def num_pages(self):
        return min(Paginator.num_pages.func(self), MAX_PAGES)

    @property
    def listed(self):
        """How many rows the pages hold together."""
        return min(self.count, MAX_PAGES * self.per_page)


def exported(request):
    """The list's FilterSet over the rows the exports read."""
    return CommitmentFilter(
        request.GET, queryset=Commitment.objects.with_signal().with_schedule()
    )


def export_csv(request):
    filterset = exported(request)
    if not filterset.is_valid():
        return HttpResponseBadRequest(
            filter_errors(filterset), content_type="text/plain; charset=utf-8"
        )
    machine_keys = request.GET.get("keys") == "en"
    filename = "planwatch-commitments.csv"
    if connection.vendor == "postgresql":  # COPY: no Python object per row
        try:
            export = csv_copy.csv_file(
                filterset.qs, *exports.page_url_parts(request), machine_keys=machine_keys
            )
        except ExportTooLong:
            return export_too_long()
        return FileResponse(
            export, as_attachment=True, filename=filename, content_type="text/csv; charset=utf-8"
        )
    rows = exports.rows(request, filterset.qs, EXPORT_CHUNK)
    lines = exports.in_blocks(exports.csv_lines(rows, machine_keys=machine_keys))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_too_long():
    message = _("导出超过 %(seconds)d 秒仍未完成，请按规划或部门筛选后再导出。") % {
        "seconds": settings.DATABASE_EXPORT_TIMEOUT
    }
    return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")


def export_json(request):
    filterset = exported(request)
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    rows = exports.rows(request, filterset.qs, EXPORT_CHUNK)
    return StreamingHttpResponse(
        exports.in_blocks(exports.json_lines(rows)), content_type="application/json"
    )


def export_xlsx(request):
    filterset = exported(request)
    if not filterset.is_valid():
        return HttpResponseBadRequest(
            filter_errors(filterset), content_type="text/plain; charset=utf-8"
        )
    commitments = filterset.qs
    # One sheet per department: the rows come department by department, in the list's order.
    by_department = commitments.order_by(
        "department__order", "department_id", *commitments.query.order_by
    )
    plan = filterset.form.cleaned_data.get("plan")
    try:
        with export_transaction():
            workbook = exports.xlsx_file(
                exports.rows(request, by_department, EXPORT_CHUNK),
                commitments,
                plan.name if plan else "",
            )
    except ExportTooLong:
        return export_too_long()
    return FileResponse(
        workbook,
        as_attachment=True,
        filename="planwatch-commitments.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def commitment_json(request, pk):
    """One commitment with the fields of the JSON export."""
    commitments = Commitment.objects.with_signal().with_schedule().filter(pk=pk)
    row = next(exports.rows(request, commitments), None)
    if row is None:
        raise Http404
    return JsonResponse(exports.as_json(row), json_dumps_params={"ensure_ascii": False})


def filter_errors(filterset):
    return "\n".join(
        f"{filterset.form[name].label}: {' '.join(errors)}"
        for name, errors in filterset.errors.items()
    )


@cached_page("dashboards/commitment_detail.html")
def commitment_detail(pk):
    """The commitment, its source, targets, timeline, evidence and lineage: eight queries, nine
    when it has quantitative targets."""
    commitment = get_object_or_404(
        Commitment.objects.with_related()
        .with_targets()
        .with_history()
        .with_signal()
        .with_schedule()
        .select_related("article__plan", "continues__article__plan")
        .prefetch_related("continued_by__article__plan"),
        pk=pk,
    )
    context = {"commitment": commitment, "evidence": evidence_for(commitment)}
    return Page(context, title=commitment.title)


@cached_page("dashboards/goal_detail.html", query=["plan"])
def goal_detail(query, slug):
    """What the goal rests on, progress by department, the first commitments: eight queries."""
    goal = get_object_or_404(Goal, slug=slug)
    plan = plan_in_query(query)
    tallies = ProgressTally.objects.of_goal(goal).for_plan(plan)
    summary = tallies.summary()
    departments = [d for d in tallies.by_department() if d.commitment_count]
    filters = {"plan": plan.slug} if plan else {}
    context = {
        "goal": goal,
        "plan": plan,
        "list_query": plan_query(plan, goal=goal.slug),
        "summary": summary,
        "commitments": Commitment.objects.with_goal_keywords(goal)
        .for_plan(plan)
        .as_list_rows()
        .with_schedule()[:LISTED],
        "listed": LISTED,
    }
    if summary["total"]:
        context["charts"] = [
            charts.status_chart(summary, goal=goal.slug, **filters),
            charts.progress_chart(
                "chart-departments",
                _("各部门平均进度"),
                departments,
                "department",
                goal=goal.slug,
                **filters,
            ),
        ]
    return Page(context, title=str(goal))


def article_list(request):
    articles = Article.objects.select_related("plan").defer("text")
    return render(request, "dashboards/article_list.html", {"articles": articles})


def article_detail(request, pk):
    article = get_object_or_404(Article.objects.select_related("plan"), pk=pk)
    commitments = article.commitments.select_related("department").order_by("source_start")
    return render(
        request, "dashboards/article_detail.html", {"article": article, "commitments": commitments}
    )
