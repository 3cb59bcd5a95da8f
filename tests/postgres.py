"""PostgreSQL databases of a test's own, on the test database's server: parameters, URLs, a
fresh database dropped afterwards; plans made without some of the planner's methods."""

import secrets
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.conf import settings
from django.db import connection


def server_params(dbname="postgres"):
    """Connection parameters of the test database's server, for another database on it."""
    db = settings.DATABASES["default"]
    return {
        "dbname": dbname, "host": db["HOST"] or None, "port": db["PORT"] or None,
        "user": db["USER"] or None, "password": db["PASSWORD"] or None,
    }


def connect(dbname):
    import psycopg2

    return psycopg2.connect(**{k: v for k, v in server_params(dbname).items() if v is not None})


def database_url(name, host=None, port=None, **options):
    """The DATABASE_URL of database `name` on the test database's server, or at host:port."""
    params = server_params(name)
    credentials = params["user"] + (f":{params['password']}" if params["password"] else "")
    host = host or params["host"] or "localhost"
    port = port or params["port"] or 5432
    query = "&".join(f"{key}={value}" for key, value in options.items())
    return f"postgres://{credentials}@{host}:{port}/{name}" + (f"?{query}" if query else "")


def migrated_template():
    """The name of the copy of the test database that keep_migrated_copy() makes."""
    return f"{connection.settings_dict['NAME']}_migrated"


def keep_migrated_copy():
    """Copy the test database as migrate has just left it, for fresh_database(migrated=True).

    A copy takes a third of a second; `manage.py migrate` in a process of its own, four. The
    test database must have no open connection: PostgreSQL copies only an idle database.
    """
    connection.close()
    drop_migrated_copy()  # left by an interrupted run
    with maintenance_cursor() as cursor:
        cursor.execute(
            f'CREATE DATABASE "{migrated_template()}" TEMPLATE "{connection.settings_dict["NAME"]}"'
        )


def drop_migrated_copy():
    with maintenance_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{migrated_template()}"')


@contextmanager
def maintenance_cursor():
    """A cursor on the server's maintenance database, outside any transaction (CREATE DATABASE
    cannot run in one)."""
    maintenance = connect("postgres")
    maintenance.autocommit = True
    try:
        with maintenance.cursor() as cursor:
            yield cursor
    finally:
        maintenance.close()


@contextmanager
def fresh_database(label, migrated=False):
    """A new PostgreSQL database, empty or `migrated` (what `manage.py migrate` would make of
    it); yields its name and URL, and drops it afterwards.

    Named after the test database (test_<name>, or test_<name>_gw0 under pytest-xdist), so that
    parallel workers and parallel runs on other test databases never share one.
    """
    name = f"{connection.settings_dict['NAME']}_{label}_{secrets.token_hex(3)}"
    template = f' TEMPLATE "{migrated_template()}"' if migrated else ""
    with maintenance_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"{template}')
    try:
        yield name, database_url(name)
    finally:
        with maintenance_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# How long run_together waits for a function: a guard against a hang, not a bound on speed
# (60 status updates racing re-imports take about 12 s on a quiet 2-core machine).
RUN_TOGETHER_TIMEOUT = 120


def run_together(*functions):
    """Run each function in its own thread and return their results in order."""

    def on_own_connection(function):
        try:
            return function()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(functions)) as pool:
        futures = [pool.submit(on_own_connection, function) for function in functions]
        return [future.result(timeout=RUN_TOGETHER_TIMEOUT) for future in futures]


@contextmanager
def planner_without(*methods):
    """Plans made inside leave out the planner's `methods` (e.g. "seqscan", "indexscan").

    Reset on the way out, not at the test's rollback: the checks that run after each test
    (tests/conftest.py) would otherwise plan their recount without them, for seconds.
    """
    with connection.cursor() as cursor:
        for method in methods:
            cursor.execute(f"SET enable_{method} = off")
        try:
            yield
        finally:
            for method in methods:
                cursor.execute(f"RESET enable_{method}")
