"""Public pages of commitments: the overview, the filterable list and its exports, goals, articles."""

import csv
import json
from functools import partial

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest, JsonResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from evidence.queries import evidence_for
from pagecache.fragments import cached_fragment, render_fragment

from . import charts
from .filters import CommitmentFilter
from .models import Article, Commitment, Goal, StatusUpdate
from .querysets import today
from .status import Status

PAGE_SIZE = 25
MAX_PAGES = 200
# A goal or department page lists this many commitments; the filtered list has them all.
LISTED = 60
LATEST_UPDATES = 8
EXPORT_CHUNK = 2000
# Rows per piece of a streamed export: one write per row made a filtered export 20 % slower.
EXPORT_BLOCK = 500
EXPORT_FIELDS = [
    "id",
    "title",
    "department",
    "official",
    "themes",
    "goals",
    "status",
    "status_label",
    "progress",
    "due_date",
    "signal",
    "targets",
    "url",
]


def overview(request):
    fragment = cached_fragment("overview", overview_fragment)
    return render(request, "commitments/overview.html", {"fragment": fragment})


def overview_fragment():
    """Totals, status, progress per goal and per department, latest updates: six queries."""
    commitments = Commitment.objects.all()
    summary = commitments.progress_summary()
    goals = commitments.progress_by_goal()
    context = {
        "summary": summary,
        "goals": goals,
        "updates": StatusUpdate.objects.published().latest_first().with_related()[:LATEST_UPDATES],
    }
    if summary["total"]:
        context["charts"] = [
            charts.plan_chart(today(), summary["mean_progress"]),
            charts.status_chart(summary),
            charts.progress_chart("chart-goals", _("各中心平均进度"), goals, "goal"),
            charts.progress_chart(
                "chart-departments",
                _("各部门平均进度"),
                commitments.progress_by_department(),
                "department",
            ),
        ]
    return render_fragment("commitments/fragments/overview.html", context)


def commitment_list(request):
    params = list_params(request.GET)
    fragment = cached_fragment(f"list?{params.urlencode()}", partial(list_fragment, params))
    return render(
        request, "commitments/commitment_list.html", {"fragment": fragment}, status=fragment.status
    )


def list_params(query):
    """The parameters the list reads, in a fixed order: all that its rendering depends on."""
    params = QueryDict(mutable=True)
    for name in [*CommitmentFilter.base_filters, "page"]:
        if name in query:
            params.setlist(name, query.getlist(name))
    return params


def list_fragment(params):
    """The filter form, the count and a page of rows, or the form's errors (400)."""
    filterset = CommitmentFilter(params, queryset=Commitment.objects.as_list_rows())
    context = {"filter": filterset, "params": params}
    if not filterset.is_valid():
        return render_fragment("commitments/fragments/commitment_list.html", context, status=400)
    context["page"] = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(params.get("page"))
    return render_fragment("commitments/fragments/commitment_list.html", context)


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


def export_csv(request):
    filterset = CommitmentFilter(request.GET, queryset=Commitment.objects.with_signal())
    if not filterset.is_valid():
        return HttpResponseBadRequest(
            filter_errors(filterset), content_type="text/plain; charset=utf-8"
        )
    response = StreamingHttpResponse(
        in_blocks(csv_lines(export_rows(request, filterset.qs))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="planwatch-commitments.csv"'
    return response


def export_json(request):
    filterset = CommitmentFilter(request.GET, queryset=Commitment.objects.with_signal())
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    return StreamingHttpResponse(
        in_blocks(json_lines(export_rows(request, filterset.qs))), content_type="application/json"
    )


def in_blocks(lines, size=EXPORT_BLOCK):
    """The lines joined `size` at a time: gunicorn writes each piece to the socket on its own."""
    block = []
    for line in lines:
        block.append(line)
        if len(block) == size:
            yield "".join(block)
            block = []
    yield "".join(block)


class Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, line):
        return line


def csv_lines(rows):
    writer = csv.DictWriter(Echo(), fieldnames=EXPORT_FIELDS)
    # A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
    yield "\ufeff" + writer.writeheader()
    for row in rows:
        yield writer.writerow(row)


def json_lines(rows):
    """{"results": [...], "count": n}, a row at a time: the count comes last, once known."""
    yield '{"results": ['
    count = 0
    for count, row in enumerate(rows, start=1):
        yield ("" if count == 1 else ",") + json.dumps(row, ensure_ascii=False)
    yield f'], "count": {count}}}'


def export_rows(request, commitments):
    """The rows both exports hold, in the order of the list."""
    status_labels = {value: str(label) for value, label in Status.choices}
    # Reversed once around a stand-in id: reversing for every row took a third of the export.
    url_head, url_tail = request.build_absolute_uri(
        reverse("commitments:detail", args=[0])
    ).rsplit("/0/", 1)
    for row in commitments.export_rows(EXPORT_CHUNK):
        titles = "、".join(row["official__titles"] or [])
        yield {
            "id": row["id"],
            "title": row["title"],
            "department": row["department__name"],
            "official": f"{titles}{row['official__name'] or ''}",
            "themes": "、".join(row["theme_names"]),
            "goals": "、".join(row["goal_names"]),
            "status": row["status"],
            "status_label": status_labels[row["status"]],
            "progress": row["progress"],
            "due_date": row["due_date"].isoformat(),
            "signal": row["signal"],
            "targets": "；".join(row["target_texts"]),
            "url": f"{url_head}/{row['id']}/{url_tail}",
        }


def filter_errors(filterset):
    return "\n".join(
        f"{filterset.form[name].label}: {' '.join(errors)}"
        for name, errors in filterset.errors.items()
    )


def commitment_detail(request, pk):
    commitment = get_object_or_404(
        Commitment.objects.with_related().with_targets().with_history().with_signal(), pk=pk
    )
    return render(request, "commitments/commitment_detail.html", {
        "commitment": commitment, "evidence": evidence_for(commitment),
    })


def goal_detail(request, slug):
    fragment = cached_fragment(f"goal:{slug}", partial(goal_fragment, slug))
    return render(request, "commitments/goal_detail.html", {"fragment": fragment})


def goal_fragment(slug):
    """What the goal rests on, progress by department, the first commitments: eight queries."""
    goal = get_object_or_404(Goal, slug=slug)
    commitments = Commitment.objects.for_goal(goal)
    summary = commitments.progress_summary()
    departments = [d for d in commitments.progress_by_department() if d.commitment_count]
    context = {
        "goal": goal,
        "summary": summary,
        "commitments": Commitment.objects.with_goal_keywords(goal).as_list_rows()[:LISTED],
        "listed": LISTED,
    }
    if summary["total"]:
        context["charts"] = [
            charts.status_chart(summary, goal=goal.slug),
            charts.progress_chart(
                "chart-departments", _("各部门平均进度"), departments, "department", goal=goal.slug
            ),
        ]
    return render_fragment("commitments/fragments/goal_detail.html", context, title=str(goal))


def article_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    commitments = article.commitments.select_related("department").order_by("source_start")
    return render(
        request, "commitments/article_detail.html", {"article": article, "commitments": commitments}
    )
