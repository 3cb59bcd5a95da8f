"""A backup of a working PostgreSQL database restores into a fresh one with nothing lost.

Each database here is a real one of its own, created for the test (as `manage.py migrate` leaves
it: tests/conftest.py) and dropped after it; every step after that is the manage.py command an
operator runs (docs/operations.md), in a process of its own.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from .postgres import connect, fresh_database

PROJECT = Path(__file__).resolve().parent.parent
ARTICLE = PROJECT / "fixtures" / "articles" / "wuhan-2020-12-22-cjn.txt"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: creates real databases of its own next to the test database",
    ),
]

# Recreated by migrate with ids of their own (compared by natural key), or not backed up (the
# progress tallies are recounted: tests/test_tallies.py).
RECREATED = {"django_content_type", "auth_permission", "django_migrations"}
NOT_BACKED_UP = {
    "django_session", "axes_accessattempt", "axes_accessattemptexpiration", "axes_accesslog",
    "axes_accessfailurelog", "pagecache_dataversion", "commitments_progresstally",
}


def manage(database_url, *args):
    """Run a manage.py command against another database; returns its standard output."""
    finished = subprocess.run(
        [sys.executable, "manage.py", *map(str, args)],
        cwd=PROJECT, env=os.environ | {"DATABASE_URL": database_url},
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert finished.returncode == 0, f"manage.py {' '.join(map(str, args))}:\n{finished.stderr}"
    return finished.stdout


def in_child(database_url, call):
    """Run `call` (e.g. "tests.test_backup.add_history()") in a manage.py shell."""
    module = call.rsplit(".", 1)[0]
    return manage(database_url, "shell", "-c", f"import {module}; {call}")


def many_to_many_tables():
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created
    }


def table_rows(dbname):
    """Every table's rows, references to content types and permissions by natural key."""
    link_tables = many_to_many_tables()
    with connect(dbname) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT ct.id, ct.app_label, ct.model FROM django_content_type ct"
        )
        content_types = {pk: (app, model) for pk, app, model in cursor.fetchall()}
        cursor.execute("SELECT id, codename, content_type_id FROM auth_permission")
        permissions = {pk: (code, *content_types[ct]) for pk, code, ct in cursor.fetchall()}
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = {}
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT * FROM "{table}"')
            columns = [column.name for column in cursor.description]
            rows = []
            for row in cursor.fetchall():
                values = dict(zip(columns, row))
                if "content_type_id" in values and table != "auth_permission":
                    values["content_type_id"] = content_types.get(values["content_type_id"])
                if "permission_id" in values:
                    values["permission_id"] = permissions[values["permission_id"]]
                if table in link_tables:
                    del values["id"]  # links are restored as links, under new ids
                rows.append(tuple(sorted(values.items(), key=lambda item: item[0])))
            tables[table] = sorted(rows, key=repr)
    return tables, set(content_types.values()), set(permissions.values())


def stale_sequences(dbname):
    """Tables whose id sequence would hand out an id already taken."""
    with connect(dbname) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), "
            "column_name) FROM information_schema.columns WHERE table_schema = 'public' "
            "AND (is_identity = 'YES' OR column_default LIKE 'nextval%%')"
        )
        stale = []
        for table, column, sequence in cursor.fetchall():
            cursor.execute(f'SELECT max("{column}") FROM "{table}"')
            (highest,) = cursor.fetchone()
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
            last, called = cursor.fetchone()
            if highest is not None and (last + 1 if called else last) <= highest:
                stale.append(table)
    return stale


def write_after_restore():
    """Every kind of row staff and the importer write, added to a restored database."""
    from django.contrib.admin.models import ADDITION, LogEntry

    from commitments.models import Commitment
    from commitments.status import Status

    from .factories import make_commitment, make_theme, make_user

    user = make_user("after-restore")
    Commitment.objects.order_by("pk").first().update_status(
        status=Status.IN_PROGRESS, progress=50, author=user
    )
    commitment = make_commitment()
    commitment.themes.add(make_theme())
    commitment.targets.create(text="2025年", kind="deadline", year=2025, source_start=0, source_end=5)
    LogEntry.objects.log_actions(user.pk, [commitment], ADDITION, single_object=True)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory, django_db_setup):
    """A working database, its backup, and a fresh migrated database restored from it."""
    backup = tmp_path_factory.mktemp("backup") / "planwatch.json.gz"
    with (
        fresh_database("source", migrated=True) as (source, source_url),
        fresh_database("copy", migrated=True) as (copy, copy_url),
    ):
        manage(source_url, "import_article", ARTICLE)
        in_child(source_url, "tests.test_backup.add_history()")
        manage(source_url, "backup_data", backup)
        restored = manage(copy_url, "restore_data", backup)
        yield {
            "source": table_rows(source), "copy": table_rows(copy), "copy_name": copy,
            "copy_url": copy_url, "backup": backup, "restored": restored,
        }


def test_the_backup_holds_history_and_audit(round_trip):
    tables, _, _ = round_trip["source"]
    for table in [
        "commitments_commitment", "commitments_statusupdate", "commitments_historicalcommitment",
        "commitments_commitment_themes", "commitments_commitmentgoal", "commitments_target",
        "auth_user", "auth_group", "auth_user_groups", "auth_user_user_permissions",
        "auth_group_permissions", "departments_department_editors", "django_admin_log",
    ]:
        assert tables[table], f"{table} should hold rows for the round trip to prove anything"


def test_every_table_comes_back_row_for_row(round_trip):
    source, copy = round_trip["source"][0], round_trip["copy"][0]
    assert source.keys() == copy.keys()
    for table in sorted(source.keys() - RECREATED - NOT_BACKED_UP):
        assert copy[table] == source[table], table


def test_content_types_and_permissions_are_the_same_by_name(round_trip):
    assert round_trip["copy"][1] == round_trip["source"][1]
    assert round_trip["copy"][2] == round_trip["source"][2]


def test_new_rows_can_be_written_after_a_restore(round_trip):
    assert stale_sequences(round_trip["copy_name"]) == []
    in_child(round_trip["copy_url"], "tests.test_backup_postgres.write_after_restore()")


def test_restore_refuses_a_database_that_already_holds_data(round_trip):
    finished = subprocess.run(
        [sys.executable, "manage.py", "restore_data", str(round_trip["backup"])],
        cwd=PROJECT, env=os.environ | {"DATABASE_URL": round_trip["copy_url"]},
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert finished.returncode == 1
    assert "already holds data" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_restore_refuses_an_unmigrated_database(tmp_path, round_trip):
    with fresh_database("empty") as (_, url):
        finished = subprocess.run(
            [sys.executable, "manage.py", "restore_data", str(round_trip["backup"])],
            cwd=PROJECT, env=os.environ | {"DATABASE_URL": url},
            capture_output=True, text=True, timeout=120, check=False,
        )
    assert finished.returncode == 1
    assert "run manage.py migrate first" in finished.stderr
