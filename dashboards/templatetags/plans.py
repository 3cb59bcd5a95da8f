"""The header's plan switch and the footer's credits, from what the page's fragment carries."""

import dataclasses

from django import template

from dashboards.scope import site_plans as load_site_plans

register = template.Library()
PLAN_PAGES = {"commitments:plan", "commitments:account"}


@register.simple_tag(takes_context=True)
def site_plans(context, fragment=None):
    """The plans and credits a cached fragment carries (no query), else read afresh (one query),
    with the plan of this page selected: the one its URL names, else the one it shows."""
    site = getattr(fragment, "site", None) or load_site_plans()
    request = context.get("request")
    selected = ""
    if request is not None and request.resolver_match is not None:
        match = request.resolver_match
        in_url = match.view_name in PLAN_PAGES
        selected = match.kwargs.get("slug", "") if in_url else request.GET.get("plan", "")
    selected = selected or getattr(fragment, "plan_slug", "")
    plans = [dataclasses.replace(plan, selected=plan.slug == selected) for plan in site.plans]
    return dataclasses.replace(site, plans=plans)
