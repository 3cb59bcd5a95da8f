"""Shared fixtures: the data migrations' rows for every test, the source article, the cast of
users (a superuser, editors of two departments) and a fast password hasher."""

import importlib
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from .factories import make_commitment, make_department, make_user

ARTICLE_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "wuhan-2020-12-22-cjn.txt"


@pytest.fixture
def article_path():
    return ARTICLE_PATH


@pytest.fixture
def imported_article(db):
    """The seed article imported through the management command."""
    from commitments.models import Article

    call_command("import_article", str(ARTICLE_PATH), verbosity=0)
    return Article.objects.get()


DATA_MIGRATIONS = [
    ("commitments.migrations.0002_create_goals", "create_goals"),
    ("departments.migrations.0002_create_editors_group", "create_editors_group"),
    ("evidence.migrations.0002_editors_review_evidence", "grant"),
    ("evidence.migrations.0003_reviewers_review_evidence", "grant"),
    ("departments.migrations.0004_reviewers_group", "create_reviewers_group"),
    ("commitments.migrations.0009_plans", "create_plans"),
]


@pytest.fixture(autouse=True)
def migration_data(request):
    """Put back the rows data migrations create (goals, the editors group).

    A transactional test (live_server, concurrency) ends by flushing every table, which would
    leave later tests without them.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "live_server" not in request.fixturenames:
        return
    transactional = "live_server" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    if apps.get_model("commitments", "Goal").objects.exists():
        return
    schema_editor = SimpleNamespace(connection=connection)
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, schema_editor)


@pytest.fixture(autouse=True)
def empty_cache():
    """Fragments cached by an earlier test must not answer for this one's data."""
    cache.clear()


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
    department_a = make_department(name="市人力资源和社会保障局")
    department_b = make_department(name="市审计局")
    call_command("create_editor", "editor_a", "--department", department_a.slug, stdout=StringIO())
    call_command("create_editor", "editor_b", "--department", department_b.slug, stdout=StringIO())
    users = {user.username: user for user in get_user_model().objects.all()}
    return SimpleNamespace(
        superuser=make_user("root", is_staff=True, is_superuser=True),
        editor_a=users["editor_a"],
        editor_b=users["editor_b"],
        department_a=department_a,
        department_b=department_b,
        commitment_a=make_commitment(department_a, title="稳定和扩大就业"),
        commitment_b=make_commitment(department_b, title="审计全覆盖"),
    )


@pytest.fixture
def reviewer(cast):
    call_command("create_reviewer", "shen", stdout=StringIO())
    return get_user_model().objects.get(username="shen")


@pytest.fixture(autouse=True)
def tallies_match_a_recount(request, migration_data):
    """After every test that used the database, the progress tallies equal a full recount: the
    net for a write path that bypasses pagecache.changes. Two queries."""
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    if marker is None and not {"db", "transactional_db", "live_server"} & set(names):
        yield
        return
    # Set up before this fixture, so that its teardown (a rollback or a flush) comes after.
    transactional = "transactional_db" in names or "live_server" in names or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    yield
    from commitments.models import ProgressTally

    stored, counted = ProgressTally.stored(), ProgressTally.counted_afresh()
    assert stored == counted, f"stored only: {stored - counted}; counted only: {counted - stored}"
