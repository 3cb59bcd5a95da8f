"""backup_data and restore_data, in this process: all or nothing, and never over data by accident.

The round trip into a second PostgreSQL database is in test_backup_postgres.py.
"""

import datetime
import gzip
import json

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from commitments.models import Commitment, StatusUpdate
from commitments.status import Status
from departments.models import Department

from .factories import make_user

pytestmark = pytest.mark.django_db

# Recreated by migrate (and by restore_data's flush) with ids of their own; everything refers to
# them by natural key. Sessions and django-axes' counters are not backed up; the progress
# tallies are recounted (tests/test_tallies.py).
NOT_BACKED_UP = {
    "contenttypes.ContentType", "auth.Permission", "sessions.Session",
    "axes.AccessAttempt", "axes.AccessAttemptExpiration", "axes.AccessLog", "axes.AccessFailureLog",
    "pagecache.DataVersion", "commitments.ProgressTally",
}


def backed_up_rows():
    """Every row restore_data must bring back, by table, in primary-key order."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label in NOT_BACKED_UP:
            continue
        table = [by_natural_key(model, row) for row in model._base_manager.order_by("pk").values()]
        if model._meta.auto_created:
            # Many-to-many links are restored as links: their own ids are not data.
            table = sorted(tuple(sorted((k, v) for k, v in row.items() if k != "id")) for row in table)
        rows[model._meta.label] = table
    return rows


def by_natural_key(model, row):
    """The row, with references to content types and permissions, which get new ids, by name."""
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model in (ContentType, Permission):
            if row[field.attname] is not None:
                related = field.related_model._base_manager.get(pk=row[field.attname])
                row[field.attname] = related.natural_key()
    return row


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    # restore_data's flush recreates content types; this process must not keep the old ids.
    yield
    ContentType.objects.clear_cache()


def restore(path, **options):
    if connection.vendor == "postgresql":
        # The test's own transaction holds deferred foreign-key checks, and PostgreSQL will not
        # truncate a table with checks pending; a restore in its own transaction has none.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("restore_data", str(path), verbosity=0, **options)


def add_history():
    """What staff add to an imported article: editors, groups, progress, edits, the admin log.

    Also run in a child process by test_backup_postgres.py, against a database of its own.
    """
    chief = make_user("chief", is_staff=True, is_superuser=True)
    call_command("create_editor", "editor-a", "--department", "审计局", verbosity=0)
    editor = make_user("editor-b", first_name="丽")
    supervisors = Group.objects.create(name="督办组")
    supervisors.permissions.add(Permission.objects.get(codename="view_statusupdate"))
    editor.groups.add(supervisors)
    editor.user_permissions.add(Permission.objects.get(codename="add_statusupdate"))
    Department.objects.get(slug="审计局").editors.add(editor)
    commitments = list(Commitment.objects.order_by("pk")[:3])
    commitments[0].update_status(status=Status.IN_PROGRESS, progress=30, note="启动", author=editor)
    commitments[0].update_status(
        status=Status.DONE, progress=100, author=chief, evidence_url="https://example.gov.cn/r"
    )
    dropped = commitments[2].update_status(status=Status.STALLED, progress=5, author=editor)
    dropped.delete()  # a gap in the ids, as deletions leave
    commitments[1].title = "改过的标题"
    commitments[1]._history_user = chief
    commitments[1]._change_reason = "标题更正"
    commitments[1].save()
    LogEntry.objects.log_actions(
        chief.pk, [commitments[1]], CHANGE, change_message=[{"changed": {"fields": ["title"]}}],
        single_object=True,
    )
    return commitments


@pytest.fixture(scope="module")
def module_history(module_article):
    commitments = add_history()
    if connection.vendor == "postgresql":
        # Check the rows' foreign keys now, once: left deferred, every restore's SET CONSTRAINTS
        # ALL IMMEDIATE would check them again in its own savepoint.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return commitments


@pytest.fixture
def history(module_history, db):
    """The seed article and its history, written once for the module; what a test changes (a
    restore included) is rolled back after it."""
    return module_history


def test_backup_holds_the_history_the_audit_and_the_people(tmp_path, history):
    backup = tmp_path / "planwatch.json.gz"
    call_command("backup_data", str(backup), verbosity=0)
    models = {row["model"] for row in json.loads(gzip.decompress(backup.read_bytes()))}
    assert {
        "commitments.article", "commitments.commitment", "commitments.statusupdate",
        "commitments.historicalcommitment", "commitments.target", "commitments.commitmentgoal",
        "commitments.goal", "commitments.theme", "commitments.statement",
        "departments.department", "departments.official",
        "auth.user", "auth.group", "admin.logentry",
    } <= models
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    assert not list(tmp_path.glob(".partial-*"))


def test_restore_with_replace_brings_back_every_row(tmp_path, history):
    backup = tmp_path / "planwatch.json"
    call_command("backup_data", str(backup), verbosity=0)
    before = backed_up_rows()
    StatusUpdate.objects.all().delete()
    make_user("intruder")
    restore(backup, replace=True)
    assert backed_up_rows() == before


def test_restore_refuses_a_database_that_holds_data(tmp_path, history):
    backup = tmp_path / "planwatch.json"
    call_command("backup_data", str(backup), verbosity=0)
    before = backed_up_rows()
    with pytest.raises(CommandError, match="already holds data"):
        restore(backup)
    assert backed_up_rows() == before


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: raw.replace(b'"progress": 100', b'"progress": 900'), id="invalid-row"),
    ],
)
def test_failed_restore_leaves_the_database_as_it_was(tmp_path, history, damage):
    backup = tmp_path / "planwatch.json"
    call_command("backup_data", str(backup), verbosity=0)
    backup.write_bytes(damage(backup.read_bytes()))
    make_user("newcomer")
    before = backed_up_rows()
    with pytest.raises(CommandError, match="not restored; the database is unchanged"):
        restore(backup, replace=True)
    ContentType.objects.clear_cache()
    assert backed_up_rows() == before


def test_backup_into_a_missing_directory_is_refused(tmp_path, db):
    with pytest.raises(CommandError, match="no such directory"):
        call_command("backup_data", str(tmp_path / "absent" / "planwatch.json"))


@pytest.mark.parametrize("name", ["planwatch.xml", "planwatch.json.zip", "planwatch"])
def test_backup_under_a_name_restore_cannot_read_is_refused(tmp_path, db, name):
    with pytest.raises(CommandError, match="name it"):
        call_command("backup_data", str(tmp_path / name))
    assert list(tmp_path.iterdir()) == []


def test_backup_keeps_microseconds(tmp_path, history):
    exact = datetime.datetime(2025, 6, 30, 8, 15, 42, 123456, tzinfo=datetime.timezone.utc)
    StatusUpdate.objects.filter(pk=StatusUpdate.objects.earliest("pk").pk).update(created_at=exact)
    backup = tmp_path / "planwatch.json"
    call_command("backup_data", str(backup), verbosity=0)
    rows = json.loads(backup.read_text())
    stored = {row["fields"]["created_at"] for row in rows if row["model"] == "commitments.statusupdate"}
    assert "2025-06-30T08:15:42.123456Z" in stored
