"""Departments of the municipal government and the officials who speak for them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pagecache.changes import TrackedQuerySet


# Created by departments/migrations/0002_create_editors_group.py and 0004_reviewers_group.py.
EDITORS_GROUP = "部门编辑"
REVIEWERS_GROUP = "审核人员"


def is_reviewer(user):
    """Superusers and members of 审核人员: they publish, return and withdraw updates and move
    goalposts (with a reason). Costs a query for a non-superuser, once per user object."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_planwatch_reviewer"):
        user._planwatch_reviewer = user.groups.filter(name=REVIEWERS_GROUP).exists()
    return user._planwatch_reviewer


class DepartmentQuerySet(TrackedQuerySet):
    def editable_by(self, user):
        """Departments whose commitments the user may record progress for: all for reviewers."""
        if is_reviewer(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(editors=user)


class Department(models.Model):
    name = models.CharField(_("全称"), max_length=100, unique=True)
    aliases = models.JSONField(_("简称"), default=list, blank=True)
    slug = models.SlugField(_("标识"), max_length=100, unique=True, allow_unicode=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("编辑人员"),
        related_name="edited_departments",
        blank=True,
        help_text=_("可为本部门承诺登记进展的工作人员。"),
    )

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("部门")
        verbose_name_plural = pgettext_lazy("plural", "部门")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for_department_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("departments:detail", args=[self.slug])

    @property
    def short_name(self):
        return min(self.aliases, key=len) if self.aliases else self.name

    def is_editable_by(self, user):
        """Costs one query for a non-superuser."""
        if is_reviewer(user):
            return True
        return user.is_authenticated and self.editors.filter(pk=user.pk).exists()


def slug_for_department_name(name):
    """A readable Unicode slug: the name without the city prefix (市审计局 -> 审计局)."""
    return slugify(name.removeprefix("市") or name, allow_unicode=True)


class Official(models.Model):
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.CASCADE, related_name="officials"
    )
    name = models.CharField(_("姓名"), max_length=20)
    titles = models.JSONField(_("职务"), default=list, help_text=_("按原文顺序,如 党组书记、局长。"))

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["department__order", "name"]
        verbose_name = _("负责人")
        verbose_name_plural = _("负责人")
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="official_unique_per_department"),
        ]

    def __str__(self):
        return f"{self.title_line}{self.name}"

    @property
    def title_line(self):
        return "、".join(self.titles)
