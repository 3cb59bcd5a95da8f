"""The seam of the cached public pages: a view returns its template's context, and the page is
rendered once per data version, language and day (pagecache.fragments.cached_fragment)."""

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.http import QueryDict
from django.shortcuts import render

from pagecache.fragments import cached_fragment, render_fragment

from .scope import site_plans


@dataclass
class Page:
    """What a cached view returns: its template's context, the page's title and status."""

    context: dict
    title: str = ""
    status: int = 200


def cached_page(template_name, *, query=(), scripts=()):
    """Make `view(**url_arguments)`, which returns a Page, a view whose part below the header
    is `template_name` rendered at most once per data version, language and day.

    The key holds the view's name, its URL arguments and, of the query string, only the
    parameters named in `query`, which the view receives as the QueryDict `query`. An Http404
    raised is raised, never cached; a Page of another status (400 for a bad filter) is cached
    and served with it. The header, with the visitor's CSRF token, is rendered on each request
    (dashboards/page.html); `scripts` are static files it loads besides the charts'.
    """

    def decorate(view):
        name = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def cached_view(request, **kwargs):
            key = f"{name}:{urlencode(sorted(kwargs.items()))}"
            arguments = dict(kwargs)
            if query:
                arguments["query"] = declared(request.GET, query)
                key += f"?{arguments['query'].urlencode()}"
            fragment = cached_fragment(key, lambda: rendered(template_name, view(**arguments)))
            context = {"fragment": fragment, "scripts": scripts}
            return render(request, "dashboards/page.html", context, status=fragment.status)

        return cached_view

    return decorate


def declared(query, names):
    """The parameters `names` of `query`, in that order: all that a page's rendering reads."""
    params = QueryDict(mutable=True)
    for name in names:
        if name in query:
            params.setlist(name, query.getlist(name))
    return params


def rendered(template_name, page):
    """The page's Fragment, carrying what the header and footer show (site_plans(), one query),
    so that a page served from the cache reads nothing else; the plan the page shows is the one
    the header's switch marks."""
    fragment = render_fragment(
        template_name, page.context, title=str(page.title), status=page.status
    )
    fragment.site = site_plans()
    plan = page.context.get("plan")
    fragment.plan_slug = plan.slug if plan else ""
    return fragment
