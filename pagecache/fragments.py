"""Rendered parts of public pages, cached under the data version, the language and the day.

Never whole pages: those carry a CSRF token (the language switch) that must be the visitor's own.
"""

import hashlib
import logging
import time
import weakref
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from redis import RedisError

from .models import DataVersion

logger = logging.getLogger(__name__)

# Keys of a past version are never read again; this bounds how long they take room. A keyword
# search makes a key of its own, so the bound matters for a cache without a memory limit.
TIMEOUT = 10 * 60
# The caches a fragment is looked for in, in order (planwatch/settings.py).
LAYERS = ["local", "default"]
# Seconds a cache that failed is left alone (a circuit breaker): a silent Redis costs each process
# one timeout per rest, instead of a read and a write timeout on every page.
REST_AFTER_FAILURE = 30
# When each failed cache may be tried again (time.monotonic()). Keyed by the cache object, which
# each process (each thread) keeps for its life: every worker finds out for itself.
_resting_until = weakref.WeakKeyDictionary()


@dataclass
class Fragment:
    """HTML rendered without the request; the page's title and status; whether it draws charts."""

    html: SafeString
    title: str = ""
    status: int = 200
    charts: bool = False


def cached_fragment(name, render):
    """`render()`'s Fragment, rendered at most once per data version, language and day.

    The day is part of the key because the 督办 signal turns red at midnight without a write.
    Costs one query (the version) when cached. Without a version row, or with the caches
    unreachable, the fragment is rendered afresh: slower, never stale. An exception in
    `render()` (Http404) is raised, not cached.
    """
    version = DataVersion.current()
    if version is None:
        return render()
    key = fragment_key(name, version)
    missed = []
    for cache in layers():
        fragment = read(cache, key)
        if fragment is not None:
            break
        missed.append(cache)
    else:
        fragment = render()
    for cache in missed:
        store(cache, key, fragment)
    return fragment


def layers():
    """This process's memory first, when a shared cache (Redis) is configured behind it.

    A key names one version of the data, so what it holds never changes: a copy kept in each
    process is as fresh as the shared one, and spares a round trip to Redis on every page.
    """
    return [
        caches[alias] for alias in LAYERS if alias in settings.CACHES and awake(caches[alias])
    ]


def awake(cache):
    """False while a cache that failed rests."""
    return _resting_until.get(cache, 0) <= time.monotonic()


def rest(cache, doing, key, error):
    _resting_until[cache] = time.monotonic() + REST_AFTER_FAILURE
    logger.warning(
        "Cache unreachable, %s %s: %s; left alone for %d s", doing, key, error, REST_AFTER_FAILURE
    )


def read(cache, key):
    try:
        return cache.get(key)
    except RedisError as error:
        rest(cache, "reading", key, error)
        return None


def store(cache, key, fragment):
    if not awake(cache):  # failed while this page was looked for
        return
    try:
        cache.set(key, fragment, TIMEOUT)
    except RedisError as error:
        rest(cache, "storing", key, error)


def render_fragment(template_name, context, title="", status=200):
    """A Fragment of the template; it draws charts when the context holds some."""
    html = render_to_string(template_name, context)
    return Fragment(html, title=title, status=status, charts=bool(context.get("charts")))


def fragment_key(name, version):
    """`name` may be any text (a query string): hashed, so that every backend takes the key."""
    parts = f"{version}:{translation.get_language()}:{timezone.localdate()}:{name}"
    return f"fragment:{hashlib.sha256(parts.encode()).hexdigest()}"
