"""Every admin list, Django's and django-axes's included, answers a bad date in its date
hierarchy (?published_at__year=99999999999999999999) with the list's "invalid filter" redirect.

Django builds the hierarchy's dates in Python and turns a ValueError into that redirect, but a
year or month too large for a date raises OverflowError, a 500. ModelAdmin.get_changelist()
returns the ChangeList of django.contrib.admin.views.main, which install() replaces with this
subclass.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views import main


class DateHierarchyChangeList(main.ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


def install():
    main.ChangeList = DateHierarchyChangeList
