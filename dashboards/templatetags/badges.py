"""The markup a dashboard repeats for every commitment or update it lists: a status badge, the
督办 signal, a progress bar, how far behind schedule. Tags rather than includes: an include looks
its template up and pushes a context each time, and a list page rendered four per commitment."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments.status import Status

register = template.Library()


@register.simple_tag
def status_badge(status):
    """A Status's badge (e.g. commitment.status_choice), its class and label from status.py."""
    return format_html('<span class="badge {}">{}</span>', status.css_class, status.label)


@register.simple_tag
def signal_badge(commitment):
    signal = commitment.signal
    return format_html(
        '<span class="signal {}" title="{}">{}</span>', signal.css_class, _("督办信号"), signal.label
    )


@register.simple_tag
def progress_bar(value):
    return format_html(
        '<span class="progress"><progress max="100" value="{0}" aria-label="{1}">{0}%</progress>'
        ' <span class="progress-value">{0}%</span></span>',
        value, _("进度"),
    )


@register.simple_tag
def schedule_lag(commitment):
    """How many points an open commitment is behind its 序时进度; nothing when it is not."""
    lag = commitment.schedule_lag
    if lag is None or lag <= 0 or commitment.status == Status.DONE:
        return ""
    behind = ngettext(
        "落后序时进度 %(counter)s 个百分点", "落后序时进度 %(counter)s 个百分点", lag
    ) % {"counter": lag}
    return format_html('<span class="schedule-lag">{}</span>', behind)
