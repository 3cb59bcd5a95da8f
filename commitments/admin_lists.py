"""Shared admin pieces: the read-only admin of rows that change only through their own routes, and
links read as https."""

from django.contrib import admin
from django.db import models

# A link typed without a scheme is read as https: Django 6.0's default, warned about until then.
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class ReadOnlyAdmin(admin.ModelAdmin):
    """Listed and viewed only: these rows are added, changed or decided through routes of their
    own (update_status, review, goalposts with a reason), never through the admin's forms."""

    formfield_overrides = HTTPS_LINKS  # the view page still builds the model's form

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
