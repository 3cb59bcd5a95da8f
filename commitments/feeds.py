"""The Atom feed of status updates: what changed, for whom follows the plan in a feed reader."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.timezone import localdate
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .models import Amendment, StatusUpdate

FEED_LENGTH = 50


class LatestUpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = _("PlanWatch：承诺进展更新")
    subtitle = _("武汉市各部门“十四五”承诺的最新进展")
    link = reverse_lazy("commitments:overview")

    def items(self):
        """Published updates and goalpost amendments, newest record first: two queries."""
        updates = StatusUpdate.objects.published().latest_first().with_related()[:FEED_LENGTH]
        amendments = Amendment.objects.select_related("commitment__department")[:FEED_LENGTH]
        items = [*updates, *amendments]
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
        anchor = "amendment" if isinstance(item, Amendment) else "update"
        return f"{item.commitment.get_absolute_url()}#{anchor}-{item.pk}"

    def item_pubdate(self, item):
        return item.made_at if isinstance(item, Amendment) else item.created_at

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_author_name(self, update):
        return update.commitment.department.name


def order_key(item):
    """Updates by their report date, as on the pages; amendments by the day they were made."""
    if isinstance(item, Amendment):
        return (localdate(item.made_at), item.made_at)
    return (item.reported_on, item.created_at)
