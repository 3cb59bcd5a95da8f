"""Shared fixtures: the data migrations' rows for every test, the source article, the cast of
users (a superuser, editors of two departments, the importer), a fast password hasher, rows a
module's tests share (module_db; committed_module_db for a live server), and copies of the test
database as migrate left it."""

import gc
import importlib
import shutil
import sqlite3
from contextlib import closing
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from . import postgres
from .factories import ARTICLE_PATH, import_seed_article, make_cast, make_user


def pytest_collection_finish(session):
    """What is loaded by now (Django, jieba's dictionary, the test modules) lives as long as the
    process: keep the garbage collector from walking it again at every full collection, and
    collect young objects less often. The collector took 13 s of a SQLite run's CPU, 5 s after.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


@pytest.fixture
def article_path():
    return ARTICLE_PATH


@pytest.fixture
def imported_article(db):
    """The seed article imported through the management command."""
    return import_seed_article()


@pytest.fixture(scope="module")
def module_article(module_db):
    """The seed article imported once for a module (see module_db)."""
    return import_seed_article()


@pytest.fixture
def shared_article(module_article, db):
    """The seed article, imported once for the module: what a test writes, re-imports included,
    is rolled back after it."""
    return module_article


DATA_MIGRATIONS = [
    ("commitments.migrations.0002_create_goals", "create_goals"),
    ("departments.migrations.0002_create_editors_group", "create_editors_group"),
    ("evidence.migrations.0002_editors_review_evidence", "grant"),
    ("evidence.migrations.0003_reviewers_review_evidence", "grant"),
    ("departments.migrations.0004_reviewers_group", "create_reviewers_group"),
    ("commitments.migrations.0009_plans", "create_plans"),
]


def database_fixture(request):
    """The database fixture a test uses, by a mark, a fixture it asks for or live_server: "db",
    "transactional_db", or None."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not {"db", "transactional_db", "live_server"} & names:
        return None
    transactional = bool({"transactional_db", "live_server"} & names) or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    return "transactional_db" if transactional else "db"


@pytest.fixture(autouse=True)
def migration_data(request):
    """Put back the rows data migrations create (goals, the editors group).

    A transactional test (live_server, concurrency) ends by flushing every table, which would
    leave later tests without them: pytest-django runs those tests last, but pytest-xdist hands
    each worker whole files, so tests of another file may follow. They are put back for good
    after the flush; otherwise each later test would write them again in its own transaction.
    """
    fixture = database_fixture(request)
    if fixture:
        request.getfixturevalue(fixture)
        restore_migration_data()
    yield
    if fixture == "transactional_db":
        restore_migration_data()


def restore_migration_data():
    if apps.get_model("commitments", "Goal").objects.exists():
        return
    schema_editor = SimpleNamespace(connection=connection)
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, schema_editor)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """pytest-django's test database and a copy of it as migrate left it (on PostgreSQL a database,
    on SQLite a file): the tests that need a database of their own (backup, outage, migrations)
    start from that copy instead of running `manage.py migrate` in a process of their own."""
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            postgres.keep_migrated_copy()
        else:
            keep_migrated_sqlite(tmp_path_factory.getbasetemp() / MIGRATED_SQLITE)
    yield
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock():
            postgres.drop_migrated_copy()


MIGRATED_SQLITE = "migrated.sqlite3"


def keep_migrated_sqlite(path):
    """Copy the in-memory test database into the file `path` (SQLite's online backup)."""
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)


@pytest.fixture(scope="module")
def migrated_sqlite_url(django_db_setup, tmp_path_factory):
    """On SQLite, the DATABASE_URL of a file of the module's own holding the test database as
    migrate left it."""
    path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    shutil.copyfile(tmp_path_factory.getbasetemp() / MIGRATED_SQLITE, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a module: rows its module-scoped fixtures write once, for every test.

    Each test still runs in a savepoint of its own (the db fixture nests in this transaction), and
    the whole is rolled back after the module's last test, as Django's setUpTestData does. Only
    for tests that use the db fixture, not transactional ones.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        restore_migration_data()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def committed_module_db(django_db_setup, django_db_blocker):
    """Rows a module's fixtures commit, for a live server's thread, which reads only committed
    rows; emptied after the module's last test as after a transactional test (every table
    flushed, the migrations' rows put back) and its connection closed: one opened under
    Playwright's sync API would outlive the module. Its tests use the db fixture: they only read."""
    with django_db_blocker.unblock():
        yield
        call_command("flush", interactive=False, verbosity=0)
        restore_migration_data()
        connection.close()


@pytest.fixture(autouse=True)
def empty_cache():
    """Fragments cached by an earlier test must not answer for this one's data."""
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language, as a new process does: LocaleMiddleware leaves
    the language of a test's last request (English, after /i18n/setlang/) active in the thread."""
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """MD5 instead of PBKDF2's 1,000,000 rounds: each user would otherwise cost half a second.

    Tests that run manage.py in a process of their own keep the real hasher.
    """
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def cast(db):
    """Like healthchecks' hc/test.py: every rule is tried with each of these."""
    return make_cast()


@pytest.fixture
def reviewer(cast):
    call_command("create_reviewer", "shen", stdout=StringIO())
    return get_user_model().objects.get(username="shen")


@pytest.fixture
def importer_user(db):
    """Staff who may 上传文章 (commitments.import_article) and read the articles, and no more."""
    user = make_user("importer", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="import_article", content_type__app_label="commitments"),
        Permission.objects.get(codename="view_article", content_type__app_label="commitments"),
    )
    return user


@pytest.fixture
def importer_client(client, importer_user):
    client.force_login(importer_user)
    return client


@pytest.fixture(autouse=True)
def tallies_match_a_recount(request, migration_data):
    """After every test that used the database, the progress tallies equal a full recount: the
    net for a write path that bypasses pagecache.changes. Two queries."""
    fixture = database_fixture(request)
    if not fixture:
        yield
        return
    # Set up before this fixture, so that its teardown (a rollback or a flush) comes after.
    request.getfixturevalue(fixture)
    yield
    from commitments.models import ProgressTally

    stored, counted = ProgressTally.stored(), ProgressTally.counted_afresh()
    assert stored == counted, f"stored only: {stored - counted}; counted only: {counted - stored}"
