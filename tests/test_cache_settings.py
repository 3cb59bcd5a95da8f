"""CACHE_URL (or REDIS_URL) selects Redis, with each process's memory in front of it; without
either, each process caches in its memory alone."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from planwatch.settings import caches_from_url

PROJECT = Path(__file__).resolve().parent.parent

LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"


def test_without_a_url_each_process_caches_in_memory():
    assert caches_from_url(None) == {"default": {"BACKEND": LOCAL_MEMORY}}


@pytest.mark.parametrize(
    "url", ["redis://cache.internal:6379/0", "rediss://:secret@cache.internal:6380/1",
            "unix:///run/redis/redis.sock?db=2"],
)
def test_a_redis_url_is_the_shared_cache_behind_local_memory(url):
    caches = caches_from_url(url)
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches["default"]["LOCATION"] == url
    assert caches["local"]["BACKEND"] == LOCAL_MEMORY


@pytest.mark.parametrize("url", ["memcached://cache.internal:11211", "cache.internal:6379"])
def test_another_kind_of_url_is_refused_at_start(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        caches_from_url(url)


@pytest.mark.parametrize(
    "environment, location",
    [
        ({"REDIS_URL": "redis://r:6379/0"}, "redis://r:6379/0"),
        ({"CACHE_URL": "redis://c:6379/1", "REDIS_URL": "redis://r:6379/0"}, "redis://c:6379/1"),
    ],
)
def test_cache_url_is_read_before_redis_url(environment, location):
    env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "REDIS_URL")}
    probe = subprocess.run(
        [sys.executable, "-c",
         "import django; django.setup(); from django.conf import settings; "
         "print(settings.CACHES['default']['LOCATION'])"],
        cwd=PROJECT, env=env | environment, capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert probe.stdout.strip() == location, probe.stderr
