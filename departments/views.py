"""Public pages of departments: every department's progress, and one department's commitments."""

from functools import partial

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from commitments import charts
from commitments.models import Commitment
from commitments.status import Status
from pagecache.fragments import cached_fragment, render_fragment

from .models import Department

# A department page lists this many commitments; the filtered list has them all.
LISTED = 60


def department_list(request):
    fragment = cached_fragment("departments", department_list_fragment)
    return render(request, "departments/department_list.html", {"fragment": fragment})


def department_list_fragment():
    """Every department with its officials, commitment count and progress: three queries."""
    departments = Commitment.objects.progress_by_department(
        Department.objects.prefetch_related("officials")
    )
    return render_fragment(
        "departments/fragments/department_list.html", {"departments": departments}
    )


def department_detail(request, slug):
    fragment = cached_fragment(f"department:{slug}", partial(department_fragment, slug))
    return render(request, "departments/department_detail.html", {"fragment": fragment})


def department_fragment(slug):
    """Officials, statements, figures, charts and the first commitments: ten queries."""
    department = get_object_or_404(Department, slug=slug)
    commitments = Commitment.objects.for_department(department)
    summary = commitments.progress_summary()
    themes = [theme for theme in commitments.progress_by_theme() if theme.commitment_count]
    context = {
        "department": department,
        "officials": department.officials.all(),
        "statements": department.statements.select_related("official", "article"),
        "summary": summary,
        "groups": by_status(commitments.as_list_rows()[:LISTED]),
        "listed": LISTED,
    }
    if summary["total"]:
        context["charts"] = [
            charts.status_chart(summary, department=department.slug),
            charts.progress_chart(
                "chart-themes", _("各主题平均进度"), themes, "theme", department=department.slug
            ),
        ]
    return render_fragment(
        "departments/fragments/department_detail.html", context, title=department.name
    )


def by_status(commitments):
    """The commitments grouped by status, in the vocabulary's order, empty groups left out."""
    groups = {status: [] for status in Status}
    for commitment in commitments:
        groups[commitment.status].append(commitment)
    return [(status, members) for status, members in groups.items() if members]
