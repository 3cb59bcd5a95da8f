"""The plans and the articles stored, for the header's plan switch and the footer's credits."""

from dataclasses import dataclass, field

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from commitments.models import Plan

register = template.Library()
# The footer names this many sources, then says how many articles there are in all.
CREDITED = 4
PLAN_PAGES = {"commitments:plan", "commitments:account"}


@dataclass
class PlanLink:
    slug: str
    name: str
    closed: bool
    current: bool
    selected: bool = False


@dataclass
class SitePlans:
    plans: list = field(default_factory=list)
    credits: list = field(default_factory=list)
    article_count: int = 0


@register.simple_tag(takes_context=True)
def site_plans(context):
    """Every plan, and each stored article's source and day: one query."""
    request = context.get("request")
    selected = ""
    if request is not None and request.resolver_match is not None:
        match = request.resolver_match
        in_url = match.view_name in PLAN_PAGES
        selected = match.kwargs.get("slug", "") if in_url else request.GET.get("plan", "")
    rows = Plan.objects.order_by("-start_date", "slug", "articles__published_at").values_list(
        "slug", "name", "name_en", "start_date", "end_date", "articles__source",
        "articles__published_at", "articles__id",
    )
    english = (get_language() or "").startswith("en")
    today = timezone.localdate()
    site, seen, credits = SitePlans(), set(), {}
    for slug, name, name_en, start, end, source, published_at, article in rows:
        if slug not in seen:
            seen.add(slug)
            site.plans.append(
                PlanLink(
                    slug=slug,
                    name=name_en if english and name_en else name,
                    closed=end < today,
                    current=start <= today <= end,
                    selected=slug == selected,
                )
            )
        if article is not None:
            site.article_count += 1
            day = timezone.localdate(published_at) if published_at else None
            credits.setdefault((source, day), None)
    site.credits = list(credits)[:CREDITED]
    return site
