"""Shared admin pieces: a change list that answers any bad date as a bad filter, the read-only
admin of rows that change only through their own routes, and links read as https."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import models

# A link typed without a scheme is read as https: Django 6.0's default, warned about until then.
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class DateHierarchyChangeList(ChangeList):
    """Django answers a bad date in the date hierarchy (?reported_on__year=0) with the list's
    "invalid filter" redirect, but catches only ValueError: a year too large for a date raises
    OverflowError, a 500. This turns it into the same redirect."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


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
