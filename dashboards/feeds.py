"""The Atom feeds of progress: what changed, for whom follows the plan in a feed reader.

All published status updates, or one department's, or one goal's, each with the goalpost
amendments (a due date moved, a title changed …) of the same commitments.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from commitments.models import Amendment, Goal, StatusUpdate
from departments.models import Department

FEED_LENGTH = 50


class LatestUpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = _("PlanWatch：承诺进展更新")
    subtitle = _("武汉市各部门“十四五”承诺的最新进展")
    link = reverse_lazy("commitments:overview")

    def commitment_filter(self, obj):
        """The lookups that select the feed's commitments, as seen from an update or amendment."""
        return {}

    def items(self, obj=None):
        """Published updates and goalpost amendments, newest record first: two queries."""
        scope = self.commitment_filter(obj)
        updates = StatusUpdate.objects.published().filter(**scope).latest_first().with_related()
        amendments = Amendment.objects.filter(**scope).select_related("commitment__department")
        items = [*updates[:FEED_LENGTH], *amendments[:FEED_LENGTH]]
        items.sort(key=order_key, reverse=True)
        return items[:FEED_LENGTH]

    def item_title(self, item):
        if isinstance(item, Amendment):
            return _("%(title)s：%(change)s") % {
                "title": item.commitment.title, "change": item.sentence,
            }
        return _("%(title)s：%(status)s %(progress)s%%") % {
            "title": item.commitment.title,
            "status": item.get_status_display(),
            "progress": item.progress,
        }

    def item_description(self, item):
        # Atom declares the summary as HTML: escaped, a note shows as the text it is.
        if isinstance(item, Amendment):
            return escape(item.sentence)
        return escape(item.note)

    def item_link(self, item):
        anchor = "amendment" if isinstance(item, Amendment) else "update"
        return f"{item.commitment.get_absolute_url()}#{anchor}-{item.pk}"

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.made_at if isinstance(item, Amendment) else item.created_at

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_author_name(self, item):
        return item.commitment.department.name


class DepartmentUpdatesFeed(LatestUpdatesFeed):
    """The progress of one department's commitments."""

    def get_object(self, request, slug):
        return get_object_or_404(Department, slug=slug)

    def commitment_filter(self, department):
        return {"commitment__department": department}

    def title(self, department):
        return _("PlanWatch：%(name)s承诺进展更新") % {"name": department.name}

    def subtitle(self, department):
        return _("%(name)s各项承诺的最新进展") % {"name": department.name}

    def link(self, department):
        return department.get_absolute_url()


class GoalUpdatesFeed(LatestUpdatesFeed):
    """The progress of the commitments that serve one goal."""

    def get_object(self, request, slug):
        return get_object_or_404(Goal, slug=slug)

    def commitment_filter(self, goal):
        return {"commitment__goal_links__goal": goal}

    def title(self, goal):
        return _("PlanWatch：“%(name)s”相关承诺进展更新") % {"name": goal.name}

    def subtitle(self, goal):
        return _("与“%(name)s”相关的各项承诺的最新进展") % {"name": goal.name}

    def link(self, goal):
        return goal.get_absolute_url()


def order_key(item):
    """Updates by their report date, as on the pages; amendments by the day they were made."""
    if isinstance(item, Amendment):
        return (localdate(item.made_at), item.made_at)
    return (item.reported_on, item.created_at)
