"""The FilterSet of the public commitment list, its exports and its charts' links."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from commitments.models import Goal, Plan, Theme
from commitments.status import Signal, Status
from departments.models import Department

SORTS = {
    "-progress": (_("进度从高到低"), ["-progress"]),
    "progress": (_("进度从低到高"), ["progress"]),
    "due_date": (_("截止日期从早到晚"), ["due_date"]),
    "-updated": (_("最近更新在前"), ["-last_update_on"]),
    "-lag": (_("落后序时进度最多在前"), ["-schedule_lag"]),
}

HAS_TARGET = {"yes": True, "no": False}


class FilterSelect(forms.Select):
    """Django's select, without a template include per option (see its template)."""

    template_name = "dashboards/widgets/filter_select.html"


class CommitmentFilter(django_filters.FilterSet):
    """Filters a queryset of `Commitment.objects.with_signal().with_schedule()`; every value
    travels in the URL."""

    plan = django_filters.ModelChoiceFilter(
        widget=FilterSelect,
        label=_("规划"),
        field_name="article__plan",
        queryset=Plan.objects.all(),
        to_field_name="slug",
        empty_label=_("全部规划"),
    )
    q = django_filters.CharFilter(label=_("关键词"), method="filter_keywords", max_length=100)
    department = django_filters.ModelChoiceFilter(
        widget=FilterSelect,
        label=_("部门"),
        queryset=Department.objects.all(),
        to_field_name="slug",
        empty_label=_("全部部门"),
    )
    theme = django_filters.ModelChoiceFilter(
        widget=FilterSelect,
        label=_("主题"),
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("全部主题"),
    )
    goal = django_filters.ModelChoiceFilter(
        widget=FilterSelect,
        label=_("五个中心"),
        field_name="goals",
        queryset=Goal.objects.all(),
        to_field_name="slug",
        empty_label=_("全部目标"),
    )
    status = django_filters.ChoiceFilter(
        widget=FilterSelect,
        label=_("状态"), choices=Status.choices, empty_label=_("全部状态")
    )
    signal = django_filters.ChoiceFilter(
        widget=FilterSelect,
        label=_("督办信号"), choices=Signal.choices, empty_label=_("全部信号")
    )
    has_target = django_filters.ChoiceFilter(
        widget=FilterSelect,
        label=_("量化目标"),
        choices=[("yes", _("有量化目标或时限")), ("no", _("无量化目标"))],
        method="filter_has_target",
        empty_label=_("不限"),
    )
    lag = django_filters.NumberFilter(
        label=_("落后序时进度至少（个百分点）"),
        field_name="schedule_lag",
        lookup_expr="gte",
        min_value=-100,
        max_value=100,
    )
    sort = django_filters.ChoiceFilter(
        widget=FilterSelect,
        label=_("排序"),
        choices=[(key, label) for key, (label, _fields) in SORTS.items()],
        method="sort_by",
        empty_label=_("按部门"),
    )

    def filter_keywords(self, queryset, name, value):
        return queryset.search(value)

    def filter_has_target(self, queryset, name, value):
        return queryset.having_targets(HAS_TARGET[value])

    def sort_by(self, queryset, name, value):
        # The id breaks ties, so that no row appears on two pages.
        return queryset.order_by(*SORTS[value][1], "pk")

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset.order_by(*queryset.model._meta.ordering, "pk"))
