"""Shared admin pieces: a change list that answers any bad date as a bad filter, and the
read-only admin of rows that change only through their own routes."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
