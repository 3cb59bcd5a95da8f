"""Rendered parts of public pages, cached under the data version, the language and the day.

Never whole pages: those carry a CSRF token (the language switch) that must be the visitor's own.
"""

import hashlib
import logging
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
    return [caches[alias] for alias in LAYERS if alias in settings.CACHES]


def read(cache, key):
    try:
        return cache.get(key)
    except RedisError as error:
        logger.warning("Cache unreachable, reading %s: %s", key, error)
        return None


def store(cache, key, fragment):
    try:
        cache.set(key, fragment, TIMEOUT)
    except RedisError as error:
        logger.warning("Cache unreachable, storing %s: %s", key, error)


def render_fragment(template_name, context, title="", status=200):
    """A Fragment of the template; it draws charts when the context holds some."""
    html = render_to_string(template_name, context)
    return Fragment(html, title=title, status=status, charts=bool(context.get("charts")))


def fragment_key(name, version):
    """`name` may be any text (a query string): hashed, so that every backend takes the key."""
    parts = f"{version}:{translation.get_language()}:{timezone.localdate()}:{name}"
    return f"fragment:{hashlib.sha256(parts.encode()).hexdigest()}"
