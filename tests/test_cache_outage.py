"""With the cache refused or silent, pages are rendered without it: slower, never an error."""

import socket
import time

import pytest
from django.test import override_settings

from planwatch.settings import caches_from_url

from .dashboard_data import make_dashboard
from .pages import NO_CACHE, content

pytestmark = pytest.mark.django_db


@pytest.fixture
def dashboard():
    return make_dashboard(departments=2, per_department=4)


def page_urls(dashboard):
    return [
        "/", "/departments/", dashboard.departments[0].get_absolute_url(), "/goals/economy/",
        "/commitments/?status=done",
    ]


@pytest.fixture
def refusing_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed on return: connections are refused


@pytest.fixture
def silent_port():
    """A port that accepts connections (the kernel's backlog) and never answers."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield server.getsockname()[1]


@pytest.mark.parametrize("port", ["refusing_port", "silent_port"])
def test_pages_render_without_an_unreachable_cache(client, dashboard, request, port):
    with override_settings(CACHES=NO_CACHE):
        expected = {url: content(client, url) for url in page_urls(dashboard)}
    url = f"redis://127.0.0.1:{request.getfixturevalue(port)}/0"
    with override_settings(CACHES=caches_from_url(url)):
        for url in page_urls(dashboard):
            started = time.monotonic()
            assert content(client, url) == expected[url]
            # The socket timeouts of settings.py: a silent Redis must not hang the worker.
            assert time.monotonic() - started < 3, url
