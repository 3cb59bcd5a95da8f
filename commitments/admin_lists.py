"""The admin's change list, made to answer any bad date in its date hierarchy as a bad filter."""

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
