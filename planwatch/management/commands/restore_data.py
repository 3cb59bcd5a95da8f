"""Load a backup written by backup_data into a database migrated to the same release."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from pagecache import changes

# What `migrate` itself puts into an empty database; anything else means it already holds data.
MADE_BY_MIGRATE = {
    "contenttypes.ContentType", "auth.Permission", "auth.Group", "auth.Group_permissions",
    "commitments.Goal", "pagecache.DataVersion", "commitments.Plan", "commitments.Plan_goals",
}


class Command(BaseCommand):
    help = (
        "Restore a backup written by backup_data, all or nothing. The database must be migrated "
        "(manage.py migrate) and hold no data yet, unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup written by backup_data")
        parser.add_argument(
            "--replace", action="store_true", help="delete the data already in the database first"
        )

    def handle(self, *args, file, replace, **options):
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not fully migrated: run manage.py migrate first.")
        held = tables_with_data()
        if held and not replace:
            raise CommandError(
                f"The database already holds data ({', '.join(held[:3])}…): restore into an empty, "
                "migrated database, or give --replace to delete that data first."
            )
        try:
            with changes.batch():
                # Rows made by migrate come back from the backup, with the primary keys URLs use.
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", file, verbosity=0)
        except Exception as error:
            # Whatever loaddata meets (a missing file, bad JSON, a row the schema refuses), the
            # transaction is rolled back: say so in one sentence.
            raise CommandError(f"{file} was not restored; the database is unchanged. {error}") from None
        self.stdout.write(f"Restored {file}.")


def tables_with_data():
    return [
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label not in MADE_BY_MIGRATE and model._base_manager.exists()
    ]
