"""Migrations apply forward on a database holding the previous release's data.

The scenario migrates a database of its own (an SQLite file, or a fresh PostgreSQL database next
to the test database) back to each app's first migration, writes a release's worth of data with
the historical models of that state, migrates to the latest state and reads it back. It runs in a
child process: schema changes cannot happen inside the test's transaction, and data migrations
write through the default connection, which must be that database.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from .postgres import fresh_database

PROJECT = Path(__file__).resolve().parent.parent

# The scenario starts from a copy of the test database (conftest's django_db_setup), which
# pytest-django makes only for a run holding tests that use the database.
pytestmark = pytest.mark.django_db

# The first release's schema: each of our apps at its first migration.
PREVIOUS_RELEASE = [("departments", "0001_initial"), ("commitments", "0001_initial")]


def previous_release_rows(apps):
    """Write a release's worth of data with the models of `apps`; returns {model: [pks]}."""
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    model = apps.get_model
    user = model("auth", "User").objects.create(
        username="editor", password=make_password("pw-123456!"), is_staff=True
    )
    department = model("departments", "Department").objects.create(
        name="市审计局", aliases=["审计局"], slug="审计局", order=1
    )
    department.editors.add(user)
    official = model("departments", "Official").objects.create(
        department=department, name="刘生华", titles=["党组书记", "局长"]
    )
    text = "市审计局党组书记、局长刘生华:\n全力推进审计全覆盖。五年内实现对重点部门全覆盖。\n"
    article = model("commitments", "Article").objects.create(
        title="谈发展", source="长江网", text=text, content_hash="a" * 64,
        published_at=datetime.datetime(2020, 12, 22, 7, 8, tzinfo=datetime.timezone.utc),
        editor="张靖", reporters=["马振华"],
    )
    model("commitments", "Statement").objects.create(
        article=article, department=department, official=official, headline="审计护航"
    )
    theme = model("commitments", "Theme").objects.create(
        slug="audit", name="审计监督", name_en="Audit", keywords=["审计"]
    )
    start = text.index("全力")
    commitment = model("commitments", "Commitment").objects.create(
        article=article, department=department, official=official, title="全力推进审计全覆盖",
        text=text[start:len(text) - 1], source_start=start, source_end=len(text) - 1,
        search_tokens="全力 推进 审计 全 覆盖", status="in_progress", progress=40,
        last_reported_on=datetime.date(2021, 6, 30),
    )
    commitment.themes.add(theme)
    model("commitments", "Target").objects.create(
        commitment=commitment, text="五年内", kind="deadline", year=2025,
        source_start=start + 10, source_end=start + 13,
    )
    model("commitments", "StatusUpdate").objects.create(
        commitment=commitment, status="in_progress", progress=40, note="已启动",
        reported_on=datetime.date(2021, 6, 30), author=user,
    )
    model("commitments", "HistoricalCommitment").objects.create(
        id=commitment.pk, article_id=article.pk, department_id=department.pk,
        official_id=official.pk, title=commitment.title, text=commitment.text,
        source_start=commitment.source_start, source_end=commitment.source_end,
        status="in_progress", progress=40, due_date=commitment.due_date,
        created_at=commitment.created_at, updated_at=commitment.updated_at,
        history_date=timezone.now(), history_type="~", history_user=user,
        history_change_reason="status update #1",
    )
    return {
        label: list(model(*label.split(".")).objects.values_list("pk", flat=True))
        for label in [
            "auth.User", "departments.Department", "departments.Official", "commitments.Article",
            "commitments.Statement", "commitments.Theme", "commitments.Commitment",
            "commitments.Target", "commitments.StatusUpdate", "commitments.HistoricalCommitment",
        ]
    }


def rows(apps, written, fields=None):
    """The written rows as `apps` reads them, by model, limited to `fields` where given."""
    result = {}
    for label, pks in written.items():
        model = apps.get_model(*label.split("."))
        names = [f.attname for f in model._meta.concrete_fields]
        if fields:
            names = [name for name in names if name in fields[label]]
        result[label] = list(model.objects.filter(pk__in=pks).order_by("pk").values(*names))
    links = apps.get_model("commitments", "Commitment").themes.through.objects
    result["links"] = sorted(links.values_list("commitment_id", "theme_id"))
    editors = apps.get_model("departments", "Department").editors.through.objects
    result["editors"] = sorted(editors.values_list("department_id", "user_id"))
    return result


def run_scenario():
    """In the child: back to the previous release, write its data, forward, print what came out."""
    from django.core.serializers.json import DjangoJSONEncoder
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)
    executor.loader.build_graph()
    executor.migrate(PREVIOUS_RELEASE)
    old_apps = executor.loader.project_state(PREVIOUS_RELEASE).apps
    goals_before = old_apps.get_model("commitments", "Goal").objects.count()
    written = previous_release_rows(old_apps)
    before = rows(old_apps, written)

    executor.loader.build_graph()
    executor.migrate(latest)
    new_apps = executor.loader.project_state(latest).apps
    fields = {label: set(table[0]) for label, table in before.items() if label in written}
    after = rows(new_apps, written, fields)

    from commitments.models import Commitment, Goal
    from commitments.status import Status
    from django.contrib.auth.models import Group, User
    from django.test import override_settings

    commitment = Commitment.objects.with_related().with_targets().with_signal().get()
    # The previous release's user is no reviewer: without review, the update is current at once.
    with override_settings(PLANWATCH_REVIEW_UPDATES=False):
        commitment.update_status(status=Status.DONE, progress=100, author=User.objects.get())
    print(json.dumps({
        "before": before,
        "after": after,
        "goals_at_previous_release": goals_before,
        "goals": list(Goal.objects.values_list("slug", flat=True)),
        "groups": list(Group.objects.values_list("name", flat=True)),
        "found_by_search": list(Commitment.objects.search("审计").values_list("pk", flat=True)),
        "status_after_update": [commitment.status, commitment.progress],
        "updates": Commitment.objects.get().updates.count(),
        "unapplied": [str(step) for step in MigrationExecutor(connection).migration_plan(latest)],
    }, cls=DjangoJSONEncoder))


@pytest.fixture(scope="module")
def scenario(request, django_db_setup):
    """The scenario's report, run on a database of the kind the tests run on, a copy of the test
    database as migrate left it: the scenario starts from the latest state."""
    if connection.vendor == "postgresql":
        with fresh_database("migrations", migrated=True) as (_, url):
            yield run_in_child(url)
    else:
        yield run_in_child(request.getfixturevalue("migrated_sqlite_url"))


def run_in_child(database_url):
    finished = subprocess.run(
        [sys.executable, "-c",
         "import django; django.setup(); import tests.test_migrations as t; t.run_scenario()"],
        cwd=PROJECT, env=os.environ | {"DATABASE_URL": database_url},
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout.strip().splitlines()[-1])


def test_every_row_of_the_previous_release_survives_the_migrations(scenario):
    assert scenario["after"] == scenario["before"]
    assert all(scenario["before"].values()), "each model should hold a row"
    assert scenario["unapplied"] == []


def test_data_migrations_run_on_a_database_that_holds_data(scenario):
    assert scenario["goals_at_previous_release"] == 0, "0002_create_goals was unapplied"
    assert scenario["goals"] == ["economy", "innovation", "trade-logistics", "international", "finance"]
    assert "部门编辑" in scenario["groups"]


def test_migrated_data_serves_the_current_code(scenario):
    assert scenario["found_by_search"] == [scenario["before"]["commitments.Commitment"][0]["id"]]
    assert scenario["status_after_update"] == ["done", 100]
    assert scenario["updates"] == 2
