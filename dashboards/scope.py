"""The plan a public page is scoped to (`?plan=`), and the plans every page's header shows."""

import re
from dataclasses import dataclass, field

from django.db.models import Avg
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from commitments.models import Plan
from pagecache.fragments import cached_fragment

SLUG = re.compile(r"[-\w]+")


def plan_in_query(query):
    """The plan named by `?plan=` (a slug), None without one; 404 for an unknown slug."""
    slug = query.get("plan")
    if not slug:
        return None
    if not SLUG.fullmatch(slug):  # PostgreSQL refuses a NUL in a literal: a 500, not a 404
        raise Http404
    return get_object_or_404(Plan, slug=slug)


def plan_query(plan, **filters):
    """A query string for `filters` within `plan`."""
    query = QueryDict(mutable=True)
    query.update(filters)
    if plan is not None:
        query["plan"] = plan.slug
    return query.urlencode()


def mean_lag(commitments):
    """How far the commitments' progress lags behind 序时进度 on average: one query."""
    return commitments.with_schedule().aggregate(lag=Avg("schedule_lag"))["lag"]


# The footer names this many sources, then says how many articles there are in all.
CREDITED = 4


@dataclass
class PlanLink:
    slug: str
    name: str
    closed: bool
    current: bool
    selected: bool = False


@dataclass
class SitePlans:
    """What every page's header and footer show: the plans, and the sources of the articles."""

    plans: list = field(default_factory=list)
    credits: list = field(default_factory=list)
    article_count: int = 0


def site_plans():
    """Every plan, and each stored article's source and day, for the header and footer: one
    query. Articles of no plan are not credited."""
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
                )
            )
        if article is not None:
            site.article_count += 1
            day = timezone.localdate(published_at) if published_at else None
            credits.setdefault((source, day), None)
    site.credits = list(credits)[:CREDITED]
    return site


def cached_page(name, render):
    """cached_fragment(name, render) whose fragment also carries site_plans(), so that a page
    served from the cache reads neither again."""

    def render_with_site():
        fragment = render()
        fragment.site = site_plans()
        return fragment

    return cached_fragment(name, render_with_site)
