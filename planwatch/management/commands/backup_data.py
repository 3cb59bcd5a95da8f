"""Write every row PlanWatch holds, history and audit included, to one file that restore_data reads."""

import os
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from planwatch import backup_format

# Rebuilt by `migrate` and referred to by natural key, so a backup restores into any database
# migrated to the same release; sessions, login-failure counters and the page cache's data
# version are not data worth keeping (a restore writes a new version), nor the progress tallies
# (a restore recounts them).
EXCLUDED = [
    "contenttypes", "auth.permission", "sessions", "axes", "pagecache", "commitments.progresstally",
]
# What both dumpdata and loaddata read as JSON, plain or compressed.
NAME_ENDINGS = (".json", ".json.gz", ".json.bz2", ".json.xz", ".json.lzma")


class Command(BaseCommand):
    help = (
        "Back up all data (commitments, status history, change history, users, groups, editors, "
        "admin log) to FILE.json, compressed when named FILE.json.gz (.bz2, .xz, .lzma)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup, e.g. planwatch-2025-01-31.json.gz")

    def handle(self, *args, file, **options):
        target = Path(file)
        if not target.parent.is_dir():
            raise CommandError(f"{target.parent}: no such directory.")
        if not target.name.endswith(NAME_ENDINGS):
            raise CommandError(
                f"{target}: name it *.json, or *.json.gz (.bz2, .xz, .lzma) to compress it."
            )
        serializers.register_serializer(backup_format.FORMAT, backup_format.__name__)
        # Same extension, so that dumpdata compresses it alike; renamed only once complete.
        partial = target.with_name(f".partial-{target.name}")
        try:
            outermost = not connection.in_atomic_block
            with transaction.atomic():
                if outermost:
                    consistent_snapshot()
                call_command(
                    "dumpdata",
                    format=backup_format.FORMAT,
                    exclude=EXCLUDED,
                    natural_foreign=True,
                    use_base_manager=True,
                    output=str(partial),
                    verbosity=0,
                )
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"Backed up to {target} ({target.stat().st_size:,} bytes).")


def consistent_snapshot():
    """Read every table as of one instant, even while the site keeps writing.

    SQLite's transaction already does; PostgreSQL's default (read committed) does not.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
