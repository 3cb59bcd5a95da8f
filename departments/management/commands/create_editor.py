"""Set up a department editor: a staff user in the 部门编辑 group, assigned to departments."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from departments.models import Department

# Created by departments/migrations/0002_create_editors_group.py.
EDITORS_GROUP = "部门编辑"


class Command(BaseCommand):
    help = _("创建或更新部门编辑：工作人员账号，加入“部门编辑”组并分配到指定部门。可重复执行。")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--department",
            dest="departments",
            action="append",
            required=True,
            metavar="SLUG",
            help=_("部门标识，可重复；已有的部门分配保留。"),
        )
        parser.add_argument("--email", default=None)
        parser.add_argument(
            "--password", default=None, help=_("不提供时，新账号没有可用密码，需另设。")
        )

    @transaction.atomic
    def handle(self, username, departments, email, password, **options):
        wanted = find_departments(departments)
        group = editors_group()
        user, created = enrol_staff(username, email, password, group)
        user.edited_departments.add(*wanted)
        self.report(user, created)

    def report(self, user, created):
        names = "、".join(str(d) for d in user.edited_departments.order_by("order", "name"))
        if created:
            message = _("已创建编辑 %(user)s，可登记进展的部门：%(departments)s")
        else:
            message = _("已更新编辑 %(user)s，可登记进展的部门：%(departments)s")
        self.stdout.write(message % {"user": user.get_username(), "departments": names})
        if not user.has_usable_password():
            self.stdout.write(_("该账号尚无密码：请用 changepassword 命令设置。"))


def find_departments(slugs):
    found = {d.slug: d for d in Department.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise CommandError(
            _("未知的部门标识：%(unknown)s。已有的标识：%(known)s")
            % {
                "unknown": "、".join(unknown),
                "known": "、".join(Department.objects.values_list("slug", flat=True)),
            }
        )
    return list(found.values())


def editors_group():
    try:
        return Group.objects.get(name=EDITORS_GROUP)
    except Group.DoesNotExist:
        raise CommandError(
            _("缺少“%(group)s”组：请先运行 migrate。") % {"group": EDITORS_GROUP}
        ) from None


def enrol_staff(username, email, password, group):
    """The staff user `username` (created if new) in `group`; (user, created). A new user given
    no password gets an unusable one; a password is checked by the validators first."""
    user, created = get_user_model().objects.get_or_create(username=username)
    user.is_staff = True
    if email is not None:
        user.email = email
    if password is not None:
        set_validated_password(user, password)
    elif created:
        user.set_unusable_password()
    user.save()
    user.groups.add(group)
    return user, created


def set_validated_password(user, password):
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None
    user.set_password(password)
