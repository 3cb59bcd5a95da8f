"""Staff admin of departments, their officials, and who may record progress for them."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Department, Official


class OfficialInline(admin.TabularInline):
    model = Official
    extra = 0


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "order", "editor_count"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["editors"]
    inlines = [OfficialInline]

    def get_queryset(self, request):
        # A GROUP BY query drops the model's ordering; the autocomplete's pages need one.
        editors = super().get_queryset(request).annotate(editor_count=Count("editors"))
        return editors.order_by(*Department._meta.ordering)

    @admin.display(description=_("简称"))
    def short_name(self, department):
        return department.short_name

    @admin.display(description=_("编辑人数"), ordering="editor_count")
    def editor_count(self, department):
        return department.editor_count


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["name", "title_line", "department"]
    list_filter = ["department"]
    list_select_related = ["department"]
    search_fields = ["name", "department__name"]
    autocomplete_fields = ["department"]

    @admin.display(description=_("职务"))
    def title_line(self, official):
        return official.title_line
