"""List status updates whose report date breaks the rule: before the article, or in the future."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments.models import StatusUpdate


class Command(BaseCommand):
    help = _(
        "列出报告日期早于承诺所在文章发布日期或晚于今天（北京时间）的进展记录；"
        "有问题时以状态码 1 退出。"
    )

    def handle(self, **options):
        today = timezone.localdate()
        rows = (
            StatusUpdate.objects.annotate(article_on=TruncDate("commitment__article__published_at"))
            .filter(Q(reported_on__gt=today) | Q(reported_on__lt=F("article_on")))
            .select_related("commitment")
            .order_by("commitment_id", "reported_on", "pk")
        )
        count = 0
        for update in rows:
            count += 1
            if update.reported_on > today:
                why = _("晚于今天（%(today)s）") % {"today": today.isoformat()}
            else:
                why = _("早于文章发布日期（%(date)s）") % {"date": update.article_on.isoformat()}
            self.stdout.write(
                _("进展 #%(pk)s（承诺 #%(commitment)s“%(title)s”）：报告日期 %(date)s %(why)s")
                % {
                    "pk": update.pk, "commitment": update.commitment_id,
                    "title": update.commitment.title, "date": update.reported_on.isoformat(),
                    "why": why,
                }
            )
        if not count:
            self.stdout.write(_("所有进展记录的报告日期都在文章发布日期与今天之间。"))
            return
        raise CommandError(
            ngettext(
                "%(count)d 条进展记录的报告日期不合规则：请由审核人员撤回并重新登记。",
                "%(count)d 条进展记录的报告日期不合规则：请由审核人员撤回并重新登记。",
                count,
            ) % {"count": count}
        )
