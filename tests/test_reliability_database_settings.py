"""The bounds on waiting for PostgreSQL: libpq's keepalives and user timeout, the statement
timeout from DATABASE_STATEMENT_TIMEOUT, and gunicorn's default for it.

The frozen connection itself is tested end to end in tests/test_database_outage.py.
"""

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from planwatch.settings import postgresql_options

from .postgres import database_url

PROJECT = Path(__file__).resolve().parent.parent


def test_a_peer_gone_from_the_network_is_noticed_in_seconds():
    options = postgresql_options({}, statement_timeout=0)
    assert options["keepalives"] == 1
    probes = options["keepalives_interval"] * options["keepalives_count"]
    assert options["keepalives_idle"] + probes <= 10
    assert options["tcp_user_timeout"] <= 6000
    assert "options" not in options


def test_the_statement_timeout_is_passed_in_milliseconds():
    assert postgresql_options({}, statement_timeout=4)["options"] == "-c statement_timeout=4000"
    assert postgresql_options({}, statement_timeout=0.25)["options"] == "-c statement_timeout=250"


def test_values_from_the_database_url_come_first():
    options = postgresql_options(
        {"keepalives_idle": 30, "options": "-c search_path=planwatch", "connect_timeout": "5"},
        statement_timeout=4,
    )
    assert options["keepalives_idle"] == 30
    assert options["connect_timeout"] == "5"
    assert options["options"] == "-c search_path=planwatch -c statement_timeout=4000"


def test_gunicorn_workers_get_a_statement_timeout_by_default(monkeypatch):
    monkeypatch.delenv("DATABASE_STATEMENT_TIMEOUT", raising=False)
    assert runpy.run_path(str(PROJECT / "gunicorn.conf.py"))["raw_env"] == [
        "DATABASE_STATEMENT_TIMEOUT=4"
    ]
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT", "2.5")
    assert runpy.run_path(str(PROJECT / "gunicorn.conf.py"))["raw_env"] == [
        "DATABASE_STATEMENT_TIMEOUT=2.5"
    ]


PROBE = """
import django, json
django.setup()
from django.conf import settings
from django.db import connection
from django.db.utils import OperationalError
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    shown = cursor.fetchone()[0]
    try:
        cursor.execute("SELECT pg_sleep(3)")
        slept = "completed"
    except OperationalError as error:
        slept = str(error).splitlines()[0]
parameters = connection.connection.info.dsn_parameters
print(json.dumps({"shown": shown, "slept": slept, "answer": settings.DATABASE_ANSWER_TIMEOUT,
                  "keepalives": parameters.get("keepalives"),
                  "tcp_user_timeout": parameters.get("tcp_user_timeout")}))
"""


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_cancels_a_statement_after_the_timeout(db):
    env = os.environ | {
        "DATABASE_URL": database_url(settings.DATABASES["default"]["NAME"]),
        "DATABASE_STATEMENT_TIMEOUT": "0.5",
    }
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=PROJECT, env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )
    assert probe.returncode == 0, probe.stderr
    result = json.loads(probe.stdout)
    assert result["shown"] == "500ms"
    assert result["slept"] == "canceling statement due to statement timeout"
    assert result["answer"] == 1.5
    assert result["keepalives"] == "1"
    assert result["tcp_user_timeout"] == "5000"
