"""Set up a reviewer: a staff user in the 审核人员 group, who publishes, returns and withdraws
status updates and may move goalposts with a reason."""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from departments.models import REVIEWERS_GROUP

from .create_editor import enrol_staff


class Command(BaseCommand):
    help = _("创建或更新审核人员：工作人员账号，加入“审核人员”组。可重复执行。")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default=None)
        parser.add_argument(
            "--password", default=None, help=_("不提供时，新账号没有可用密码，需另设。")
        )

    @transaction.atomic
    def handle(self, username, email, password, **options):
        try:
            group = Group.objects.get(name=REVIEWERS_GROUP)
        except Group.DoesNotExist:
            raise CommandError(
                _("缺少“%(group)s”组：请先运行 migrate。") % {"group": REVIEWERS_GROUP}
            ) from None
        user, created = enrol_staff(username, email, password, group)
        if created:
            message = _("已创建审核人员 %(user)s。")
        else:
            message = _("已更新审核人员 %(user)s。")
        self.stdout.write(message % {"user": user.get_username()})
        if not user.has_usable_password():
            self.stdout.write(_("该账号尚无密码：请用 changepassword 命令设置。"))
