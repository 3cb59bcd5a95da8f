"""Shared fixtures: the data migrations' rows for every test, and the source article."""

import importlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

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
    ("commitments.migrations.0007_plans", "create_plans"),
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
