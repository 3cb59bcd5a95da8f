"""Public pages of departments: every department's progress, and one department's commitments."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from commitments.models import Commitment, ProgressTally
from commitments.status import Status
from departments.models import Department

from . import charts
from .pages import Page, cached_page
from .scope import mean_lag, plan_in_query, plan_query

# A department page lists this many commitments; the filtered list has them all.
LISTED = 60


@cached_page("dashboards/department_list.html", query=["plan"])
def department_list(query):
    """Every department with its officials, commitment count and progress: four queries.
    Within a plan (`?plan=`), only the departments with commitments in it."""
    plan = plan_in_query(query)
    departments = ProgressTally.objects.for_plan(plan).of_commitments().by_department(
        Department.objects.prefetch_related("officials")
    )
    if plan is not None:
        departments = [d for d in departments if d.commitment_count]
    return Page(
        {"departments": departments, "plan": plan, "plan_query": plan_query(plan)},
        title=pgettext("plural", "部门"),
    )


@cached_page("dashboards/department_detail.html", query=["plan"])
def department_detail(query, slug):
    """Officials, statements, figures, 序时进度, charts and the first commitments: twelve
    queries."""
    department = get_object_or_404(Department, slug=slug)
    plan = plan_in_query(query)
    commitments = Commitment.objects.for_department(department).for_plan(plan)
    tallies = ProgressTally.objects.for_department(department).for_plan(plan)
    summary = tallies.of_commitments().summary()
    themes = [theme for theme in tallies.by_theme() if theme.commitment_count]
    statements = department.statements.select_related("official", "article")
    filters = {"plan": plan.slug} if plan else {}
    context = {
        "department": department,
        "plan": plan,
        "list_query": plan_query(plan, department=department.slug),
        "officials": department.officials.all(),
        "statements": statements.filter(article__plan=plan) if plan else statements,
        "summary": summary,
        "groups": by_status(commitments.as_list_rows().with_schedule()[:LISTED]),
        "listed": LISTED,
    }
    if summary["total"]:
        context["lag"] = mean_lag(commitments)
        context["charts"] = [
            charts.status_chart(summary, department=department.slug, **filters),
            charts.progress_chart(
                "chart-themes",
                _("各主题平均进度"),
                themes,
                "theme",
                department=department.slug,
                **filters,
            ),
        ]
    return Page(context, title=department.name)


def by_status(commitments):
    """The commitments grouped by status, in the vocabulary's order, empty groups left out."""
    groups = {status: [] for status in Status}
    for commitment in commitments:
        groups[commitment.status].append(commitment)
    return [(status, members) for status, members in groups.items() if members]
