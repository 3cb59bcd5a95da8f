"""The Atom feed of status updates: what changed, for whom follows the plan in a feed reader."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from departments.models import Department

from .models import Goal, StatusUpdate

FEED_LENGTH = 50


class LatestUpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = _("PlanWatch：承诺进展更新")
    subtitle = _("武汉市各部门“十四五”承诺的最新进展")
    link = reverse_lazy("commitments:overview")

    def items(self):
        return StatusUpdate.objects.latest_first().with_related()[:FEED_LENGTH]

    def item_title(self, update):
        return _("%(title)s：%(status)s %(progress)s%%") % {
            "title": update.commitment.title,
            "status": update.get_status_display(),
            "progress": update.progress,
        }

    def item_description(self, update):
        # Atom declares the summary as HTML: escaped, a note shows as the text it is.
        return escape(update.note)

    def item_link(self, update):
        return f"{update.commitment.get_absolute_url()}#update-{update.pk}"

    def item_pubdate(self, update):
        return update.created_at

    def item_updateddate(self, update):
        return update.created_at

    def item_author_name(self, update):
        return update.commitment.department.name


class DepartmentUpdatesFeed(LatestUpdatesFeed):
    """The status updates of one department's commitments."""

    def get_object(self, request, slug):
        if "\x00" in slug:  # PostgreSQL refuses a NUL in a literal: a 500, not a 404
            raise Http404
        return get_object_or_404(Department, slug=slug)

    def title(self, department):
        return _("PlanWatch：%(name)s承诺进展更新") % {"name": department.name}

    def subtitle(self, department):
        return _("%(name)s各项承诺的最新进展") % {"name": department.name}

    def link(self, department):
        return department.get_absolute_url()

    def items(self, department):
        updates = StatusUpdate.objects.filter(commitment__department=department)
        return updates.latest_first().with_related()[:FEED_LENGTH]


class GoalUpdatesFeed(LatestUpdatesFeed):
    """The status updates of the commitments that serve one goal."""

    def get_object(self, request, slug):
        return get_object_or_404(Goal, slug=slug)

    def title(self, goal):
        return _("PlanWatch：“%(name)s”相关承诺进展更新") % {"name": goal.name}

    def subtitle(self, goal):
        return _("与“%(name)s”相关的各项承诺的最新进展") % {"name": goal.name}

    def link(self, goal):
        return goal.get_absolute_url()

    def items(self, goal):
        updates = StatusUpdate.objects.filter(commitment__goal_links__goal=goal)
        return updates.latest_first().with_related()[:FEED_LENGTH]
