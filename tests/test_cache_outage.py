"""With the cache refused or silent, pages are rendered without it: slower, never an error, and
a silent cache is waited for once, not on every page."""

import socket
import threading
import time

import pytest
from django.test import override_settings

from pagecache import fragments
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


class Blackhole:
    """A Redis address that accepts connections (and counts them) and never answers a byte."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    @property
    def attempts(self):
        return len(self.connections)

    def close(self):
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def blackhole():
    hole = Blackhole()
    yield hole
    hole.close()


def attempt_cost(caches):
    """The longest one attempt on a silent Redis can take: redis-py gives up on the connection at
    the first timeout, and does not retry (the attempts counted below show it)."""
    options = caches["default"]["OPTIONS"]
    return max(options["socket_connect_timeout"], options["socket_timeout"])


def test_a_silent_cache_costs_the_first_page_one_timeout_and_the_next_ones_nothing(
    client, dashboard, blackhole
):
    production = caches_from_url(f"redis://127.0.0.1:{blackhole.port}/0")
    with override_settings(CACHES=NO_CACHE):
        expected = {url: content(client, url) for url in page_urls(dashboard)}
    with override_settings(CACHES=production):
        first, *others = page_urls(dashboard)
        assert content(client, first) == expected[first]
        # One attempt, read or write, never both: 0.2 s at most, within the 0.3 s promised.
        assert blackhole.attempts == 1
        assert blackhole.attempts * attempt_cost(production) <= 0.3
        for url in [*others, first, *others]:
            assert content(client, url) == expected[url]
        assert blackhole.attempts == 1, "the silent cache was left alone while it rests"


def test_a_silent_cache_is_tried_again_after_its_rest(client, dashboard, blackhole, monkeypatch):
    first, second, *_ = page_urls(dashboard)
    with override_settings(CACHES=caches_from_url(f"redis://127.0.0.1:{blackhole.port}/0")):
        content(client, first)
        assert blackhole.attempts == 1
        later = time.monotonic() + fragments.REST_AFTER_FAILURE + 1
        monkeypatch.setattr(fragments.time, "monotonic", lambda: later)
        content(client, second)
        assert blackhole.attempts == 2
        content(client, first)
        assert blackhole.attempts == 2


def test_a_refused_cache_is_left_alone_too(client, dashboard, refusing_port, caplog):
    with override_settings(CACHES=caches_from_url(f"redis://127.0.0.1:{refusing_port}/0")):
        for url in page_urls(dashboard):
            content(client, url)
    warnings = [r for r in caplog.records if r.name == "pagecache.fragments"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
