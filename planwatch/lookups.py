"""Lookups that answer values no row can hold instead of failing, in every app's queries.

- `__in` on integer columns, and on foreign keys to them, drops the values no row can hold, as
  Django's own integer lookups do for exact, gt and the like (IntegerFieldOverflow): a value
  beyond the column's range matches nothing. Without it, SQLite's driver refuses an integer over
  2**63 - 1 with an OverflowError, and `?id__in=10000000000000000000` in any admin list was a 500.
- `__year` (and `__iso_year`) compared with a year no date can have (0, or past 9999) compares as
  the dates' range does: `=` matches nothing, `__year__gt=0` every dated row. Django builds the
  year's first and last day to compare with, and `?published_at__year=0` in an admin list was a
  500 (ValueError; OverflowError for a year too large for C).
"""

import datetime

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.functions import ExtractIsoYear, ExtractYear
from django.db.models.lookups import In, YearExact, YearGt, YearGte, YearLt, YearLte


class WithinRange:
    def process_rhs(self, compiler, connection):
        bounds = integer_range(self.lhs.output_field, connection)
        if bounds and self.rhs_is_direct_value():
            low, high = bounds
            self.rhs = [
                value for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if not self.rhs:
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def integer_range(field, connection):
    """(lowest, highest) a column of `field` (or of the field a foreign key points to) holds;
    None when it holds no integers."""
    target = getattr(field, "target_field", field)
    return connection.ops.integer_field_ranges.get(target.get_internal_type())


@IntegerField.register_lookup
class IntegerFieldIn(WithinRange, In):
    pass


@ForeignKey.register_lookup
class ForeignKeyIn(WithinRange, RelatedIn):
    pass


class YearWithinRange:
    """A year outside the dates' range: every dated row matches when the comparison holds for
    every year from 1 to 9999 (`every_year_if`: the year is "below" or "above" that range), none
    otherwise."""

    every_year_if = None

    def as_sql(self, compiler, connection):
        year = self.rhs
        if not self.rhs_is_direct_value() or not isinstance(year, int) or (
            datetime.MINYEAR <= year <= datetime.MAXYEAR
        ):
            return super().as_sql(compiler, connection)
        if self.every_year_if != ("below" if year < datetime.MINYEAR else "above"):
            raise EmptyResultSet
        sql, params = self.process_lhs(compiler, connection, self.lhs.lhs)
        return f"{sql} IS NOT NULL", params


class YearWithinRangeExact(YearWithinRange, YearExact):
    pass


class YearWithinRangeGt(YearWithinRange, YearGt):
    every_year_if = "below"


class YearWithinRangeGte(YearWithinRange, YearGte):
    every_year_if = "below"


class YearWithinRangeLt(YearWithinRange, YearLt):
    every_year_if = "above"


class YearWithinRangeLte(YearWithinRange, YearLte):
    every_year_if = "above"


for _transform in (ExtractYear, ExtractIsoYear):
    for _lookup in (YearWithinRangeExact, YearWithinRangeGt, YearWithinRangeGte,
                    YearWithinRangeLt, YearWithinRangeLte):
        _transform.register_lookup(_lookup)
