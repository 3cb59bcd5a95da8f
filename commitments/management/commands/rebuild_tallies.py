"""Recount the progress tallies from the commitments, from scratch."""

from django.core.management.base import BaseCommand
from django.db import transaction

from pagecache.models import DataVersion

from ...tally import ALL, ProgressTally


class Command(BaseCommand):
    help = (
        "Recount every progress tally (the public figures) from the commitments, in one "
        "transaction. Writes keep them in step; this repairs them after a write that bypassed "
        "the ORM (raw SQL, a restore into a database without the table)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            # Pages cached under the old figures are not read again; and, as for every write,
            # the version's row lock, taken first, keeps other writers of the tallies waiting.
            DataVersion.bump()
            ProgressTally.recount(ALL)
        self.stdout.write(f"Recounted: {ProgressTally.objects.count()} tally rows.")
