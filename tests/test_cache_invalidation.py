"""Cached pages are never stale: after any write, every process and host shows the new figures.

Two caches stand in for two hosts (or two gunicorn workers, each with memory of its own): both
have every page cached before the write; afterwards, both must show exactly what a render
without any cache shows. With Redis (REDIS_URL, or a local Redis answering on 127.0.0.1:6379)
the two hosts share one Redis, as in production.

Every kind of write is tried with hosts of local memory; Redis with a status update and with the
day's change. A fragment's key holds the data version, which lives in the database: which write
changed it is nothing to the caches (test_every_write_to_what_pages_show_changes_the_version
checks each write), so the product of the two would render the same pages again for nothing.
"""

import datetime
import os
import uuid
from contextlib import contextmanager

import pytest
import redis
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.demo import generate
from commitments.models import Commitment, StatusUpdate, Target
from commitments.status import Status
from pagecache.models import DataVersion

from .admin_pages import change_form_data, change_url
from .dashboard_data import make_dashboard
from .factories import make_user
from .pages import NO_CACHE, content

pytestmark = pytest.mark.django_db

LOCAL_REDIS = "redis://127.0.0.1:6379/15"


def memory(name):
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}


def redis_url():
    url = os.environ.get("REDIS_URL")
    if url:
        return url
    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return None
    return LOCAL_REDIS


def shared_redis(url, prefix, host):
    """The shared Redis behind the host's memory, as in production (planwatch/settings.py).

    The prefix keeps this run's keys apart from anyone else's on the same Redis.
    """
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        },
        "local": memory(f"{host}-{prefix}"),
    }


@pytest.fixture
def hosts(request):
    """The cache settings of two hosts: of local memory, or sharing Redis (`every_cache`)."""
    if getattr(request, "param", "local memory") == "local memory":
        return [{"default": memory(f"{host}-{uuid.uuid4()}")} for host in ("host-a", "host-b")]
    url = redis_url()
    if url is None:
        pytest.skip("no Redis: set REDIS_URL, or run one on 127.0.0.1:6379")
    prefix = f"planwatch-test-{uuid.uuid4()}"
    return [shared_redis(url, prefix, host) for host in ("host-a", "host-b")]


@contextmanager
def using_cache(settings):
    with override_settings(CACHES=settings):
        try:
            yield
        finally:
            caches["default"].close()


@pytest.fixture
def site(client):
    dashboard = make_dashboard(departments=3, per_department=7)
    department = dashboard.departments[0]
    return {
        "client": client,
        "dashboard": dashboard,
        "urls": [
            "/", "/departments/", department.get_absolute_url(), "/goals/economy/",
            "/commitments/", "/commitments/?status=done",
            f"/commitments/?department={department.slug}&sort=-progress",
        ],
    }


def pages_on(cache_settings, site):
    with using_cache(cache_settings):
        return {url: content(site["client"], url) for url in site["urls"]}


def warm(hosts, site):
    """Every page cached on every host: a second request costs only the version's query."""
    for cache_settings in hosts:
        pages_on(cache_settings, site)
        with using_cache(cache_settings), CaptureQueriesContext(connection) as queries:
            content(site["client"], "/")
        assert len(queries) == 1


def assert_every_host_shows_the_data(hosts, site):
    truth = pages_on(NO_CACHE, site)
    for cache_settings in hosts:
        assert pages_on(cache_settings, site) == truth


every_cache = pytest.mark.parametrize("hosts", ["local memory", "redis"], indirect=True)


@every_cache
def test_a_status_update_shows_at_once_on_every_host(hosts, site):
    warm(hosts, site)
    commitment = next(c for c in site["dashboard"].commitments if c.status != Status.DONE)
    commitment.update_status(status=Status.DONE, progress=100, note="验收通过")
    assert_every_host_shows_the_data(hosts, site)
    with using_cache(hosts[1]):
        assert "验收通过" in content(site["client"], "/")


def test_an_admin_edit_shows_at_once_on_every_host(hosts, site):
    warm(hosts, site)
    client, commitment = site["client"], site["dashboard"].commitments[0]
    client.force_login(make_user("chief", is_staff=True, is_superuser=True))
    form = change_form_data(client.get(change_url(commitment)))
    response = client.post(
        change_url(commitment), {**form, "title": "改过的承诺标题", "change_reason": "表述更正"}
    )
    assert response.status_code == 302
    client.logout()
    assert_every_host_shows_the_data(hosts, site)
    with using_cache(hosts[1]):
        assert "改过的承诺标题" in content(client, commitment.department.get_absolute_url())


def test_an_import_shows_at_once_on_every_host(hosts, site, article_path):
    warm(hosts, site)
    before = Commitment.objects.count()
    call_command("import_article", str(article_path), verbosity=0)
    assert Commitment.objects.count() > before
    assert_every_host_shows_the_data(hosts, site)
    with using_cache(hosts[1]):
        assert f'<span class="stat-value">{Commitment.objects.count()}</span>' in content(
            site["client"], "/"
        )


def test_generated_data_shows_at_once_on_every_host(hosts, site, monkeypatch):
    # Planner statistics would outlive the test's rollback and change later tests' plans.
    monkeypatch.setattr("bench.demo.analyze", lambda: None)
    warm(hosts, site)
    generate(departments=1, commitments=20, updates=30, seed=1)
    assert_every_host_shows_the_data(hosts, site)


def test_a_bulk_update_shows_at_once_on_every_host(hosts, site):
    warm(hosts, site)
    Commitment.objects.update(progress=0, status=Status.NOT_STARTED)
    assert_every_host_shows_the_data(hosts, site)


@every_cache
def test_pages_change_at_midnight_without_a_write(hosts, site, monkeypatch):
    """The 督办 signal turns red the day after the due date, with no write to bump the version."""
    commitment = site["dashboard"].commitments[0]
    Commitment.objects.filter(pk=commitment.pk).update(
        due_date=timezone.localdate(), status=Status.IN_PROGRESS, progress=50
    )
    warm(hosts, site)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert_every_host_shows_the_data(hosts, site)


def test_a_restore_writes_a_new_version(tmp_path, site):
    backup = tmp_path / "planwatch.json"
    call_command("backup_data", str(backup), verbosity=0)
    before = DataVersion.current()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as tests/test_backup.py explains
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("restore_data", str(backup), "--replace", verbosity=0)
    assert DataVersion.current() not in (None, before)


def rename(instance, field="name"):
    setattr(instance, field, f"{getattr(instance, field)}（改）")
    instance.save()


WRITES = {
    "department": lambda d: rename(d.departments[0]),
    "official": lambda d: rename(d.departments[0].officials.get()),
    "goal": lambda d: rename(d.goals["economy"]),
    "theme": lambda d: rename(d.themes["gen-rural"]),
    "article": lambda d: rename(d.commitments[0].article, "title"),
    "commitment": lambda d: rename(d.commitments[0], "title"),
    "theme links": lambda d: d.commitments[0].themes.clear(),
    "goal link": lambda d: d.commitments[0].goal_links.get().delete(),
    "target": lambda d: Target.objects.first().delete(),
    "status update": lambda d: StatusUpdate.objects.first().delete(),
    "statement": lambda d: d.commitments[0].article.statements.create(
        department=d.departments[0], official=d.departments[0].officials.get(), headline="标题"
    ),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_to_what_pages_show_changes_the_version(site, write):
    before = DataVersion.current()
    write(site["dashboard"])
    assert DataVersion.current() != before
