"""`__in` on integer columns, and on foreign keys to them, drops the values no row can hold, as
Django's own integer lookups do for exact, gt and the like (IntegerFieldOverflow): a value
beyond the column's range matches nothing. Without it, SQLite's driver refuses an integer over
2**63 - 1 with an OverflowError, and `?id__in=10000000000000000000` in any admin list was a 500."""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


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
