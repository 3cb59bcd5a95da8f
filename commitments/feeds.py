"""The Atom feed of status updates: what changed, for whom follows the plan in a feed reader."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .models import StatusUpdate

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
