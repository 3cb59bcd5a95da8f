"""When the database is unreachable the site says so plainly, and recovers by itself when it returns.

The first tests raise the database errors inside one request. The last ones run the real thing:
gunicorn, as in production, talking to a PostgreSQL database of its own through a TCP proxy in
this process that the test stops, cuts off or freezes, and starts again.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.http import StreamingHttpResponse
from django.urls import include, path

from .postgres import database_url, fresh_database, server_params

PROJECT = Path(__file__).resolve().parent.parent
ARTICLE = PROJECT / "fixtures" / "articles" / "wuhan-2020-12-22-cjn.txt"
DOWN_MESSAGE = "PlanWatch cannot reach its database"
CONNECT_TIMEOUT = 2  # seconds; docs/operations.md recommends ?connect_timeout= in DATABASE_URL
# The site under test runs with a shorter statement timeout than gunicorn.conf.py's default of
# 4 s, so that the outages take less of the suite's time: a worker waits that plus one second
# (planwatch.database), which is the 503 within 5 s docs/operations.md promises by default.
STATEMENT_TIMEOUT = 1.5
ANSWER_TIMEOUT = STATEMENT_TIMEOUT + 1


def unreachable(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')


def gone(request):
    raise InterfaceError("connection already closed")


def streamed(request):
    # Like the CSV export: the rows are read only while the body is sent.
    def rows():
        yield "id\n"
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            yield f"{cursor.fetchone()[0]}\n"

    return StreamingHttpResponse(rows(), content_type="text/csv")


urlpatterns = [
    path("unreachable/", unreachable),
    path("gone/", gone),
    path("streamed/", streamed),
    path("", include("planwatch.urls")),
]


@pytest.fixture
def outage_urls(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False


@pytest.mark.parametrize("url", ["/unreachable/", "/gone/"])
def test_database_error_is_answered_503_in_plain_words(client, outage_urls, url):
    response = client.get(url)
    assert response.status_code == 503
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert DOWN_MESSAGE in body and "暂时无法访问数据库" in body
    assert "Traceback" not in body and "127.0.0.1" not in body and "5432" not in body


def test_outage_answer_carries_the_security_headers(client, outage_urls):
    response = client.get("/unreachable/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


class UnreachableConnection:
    def cursor(self):
        raise OperationalError("connection refused")


def test_streamed_response_is_not_started_while_the_database_is_unreachable(
    client, outage_urls, monkeypatch
):
    monkeypatch.setattr("planwatch.middleware.connection", UnreachableConnection())
    response = client.get("/streamed/")
    assert response.status_code == 503
    assert DOWN_MESSAGE in response.content.decode()


def test_streamed_response_flows_while_the_database_answers(client, outage_urls, db):
    response = client.get("/streamed/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"id\n1\n"


def test_healthz_reports_the_database_down(client, monkeypatch, db):
    monkeypatch.setattr("planwatch.views.connection", UnreachableConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "down"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_reports_the_database_up(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-store" in response["Cache-Control"]


class TcpProxy:
    """Forwards a local port to the database server.

    stop() drops every connection and refuses new ones (the server is down); blackhole() drops
    every connection and leaves new ones unanswered (the network is cut); freeze() keeps every
    connection open but forwards nothing more, either way, and leaves new ones unanswered (the
    network or the server hangs: no error, no reset, only silence); start() and forward() undo
    them, on the same port.
    """

    def __init__(self, target):
        self.target = target
        self.port = 0
        self.listener = None
        self.forwarding = True
        self.frozen = threading.Event()
        self.sockets = set()
        self.lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.1)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self):
        listener, self.listener = self.listener, None
        listener.close()
        self.drop_connections()

    def blackhole(self):
        self.forwarding = False
        self.drop_connections()

    def freeze(self):
        self.forwarding = False
        self.frozen.set()

    def forward(self):
        self.forwarding = True
        self.frozen.clear()
        self.drop_connections()

    def drop_connections(self):
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while self.listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if not self.forwarding:
                with self.lock:
                    self.sockets.add(client)  # accepted, never answered
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                while self.frozen.is_set():
                    time.sleep(0.05)  # held, neither sent nor refused
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.close()
                except OSError:
                    pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    """(status, content type, body) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup):
    """gunicorn serving a seeded database of its own through a proxy the tests control."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the outage is a real server becoming unreachable")
    params = server_params()
    proxy = TcpProxy((params["host"] or "127.0.0.1", int(params["port"] or 5432)))
    proxy.start()
    port = free_port()
    with fresh_database("outage", migrated=True) as (name, direct_url):
        env = os.environ | {
            "DATABASE_URL": direct_url, "DJANGO_DEBUG": "0", "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        }
        # The article is imported while gunicorn starts: each takes seconds.
        importing = subprocess.Popen(
            [sys.executable, "manage.py", "import_article", str(ARTICLE)], cwd=PROJECT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        env["DATABASE_URL"] = database_url(
            name, host="127.0.0.1", port=proxy.port, connect_timeout=CONNECT_TIMEOUT
        )
        env["DATABASE_STATEMENT_TIMEOUT"] = str(STATEMENT_TIMEOUT)
        # A file, not a pipe: nobody reads a pipe, and a full one would block the workers.
        log = open(tmp_path_factory.mktemp("outage") / "gunicorn.log", "wb")  # noqa: SIM115
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "planwatch.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--timeout", "30", "--log-level", "warning"],
            cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _, errors = importing.communicate(timeout=300)
            assert importing.returncode == 0, errors
            wait_for(lambda: fetch(f"{base}/healthz")[0] == 200, "gunicorn to serve")
            yield base, proxy, server
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
            proxy.stop()


def wait_for(condition, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def public_urls(base):
    status, _, body = fetch(f"{base}/api/commitments.json")
    assert status == 200, body
    first = json.loads(body)["results"][0]
    return [
        "/", "/departments/", "/departments/审计局/", "/goals/economy/", "/commitments/",
        "/commitments/?status=not_rated&q=就业", f"/commitments/{first['id']}/", "/articles/1/",
        "/commitments/export.csv", "/api/commitments.json", "/feeds/updates/",
    ]


def quoted(url):
    return urllib.parse.quote(url, safe="/?=&")


@pytest.mark.postgres
def test_pages_answer_503_while_the_database_is_unreachable_and_recover_after(site):
    base, proxy, server = site
    urls = public_urls(base)
    for url in urls:
        assert fetch(base + quoted(url))[0] == 200, url

    proxy.stop()
    try:
        for url in urls:
            status, content_type, body = fetch(base + quoted(url))
            assert status == 503, url
            assert content_type == "text/plain; charset=utf-8", url
            assert DOWN_MESSAGE in body and "Traceback" not in body, url
        status, _, body = fetch(f"{base}/healthz")
        assert status == 503
        assert json.loads(body) == {"status": "error", "database": "down"}
    finally:
        proxy.start()

    # Each of the two workers reconnects by itself: ask often enough to reach both.
    wait_for(lambda: fetch(f"{base}/healthz")[0] == 200, "the site to see the database again")
    for _ in range(3):
        for url in urls:
            assert fetch(base + quoted(url))[0] == 200, url
    assert server.poll() is None, "the app was not restarted"


@pytest.mark.postgres
def test_a_cut_network_is_answered_503_within_the_connect_timeout(site):
    base, proxy, server = site
    assert fetch(f"{base}/commitments/")[0] == 200
    proxy.blackhole()
    try:
        for url, (status, _, _), elapsed in timed_fetches(base, ["/commitments/", "/healthz"]):
            assert status == 503, url
            # Well before gunicorn's 30 s worker timeout, which would kill the worker instead.
            assert elapsed < CONNECT_TIMEOUT + 5, url
    finally:
        proxy.forward()
    wait_for(lambda: fetch(f"{base}/healthz")[0] == 200, "the site to see the database again")
    assert fetch(f"{base}/commitments/")[0] == 200
    assert server.poll() is None


def timed_fetches(base, urls):
    """(url, fetch(url), seconds it took) for each url, two at a time: while both of gunicorn's
    workers are busy with a request, each of the two is answered by a worker of its own."""

    def timed(url):
        started = time.monotonic()
        answer = fetch(base + url)
        return url, answer, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(timed, urls))


def workers(server):
    """The process ids of gunicorn's workers: a killed worker is replaced under a new id."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text()
    return set(children.split())


@pytest.mark.postgres
def test_a_frozen_connection_is_answered_503_within_the_bound_and_no_worker_is_killed(site):
    base, proxy, server = site
    # Every worker holds an open connection to the database (DATABASE_CONN_MAX_AGE).
    for _ in range(6):
        assert fetch(f"{base}/commitments/")[0] == 200
    before = workers(server)
    proxy.freeze()
    try:
        # Two requests at once, one for each worker: the first two wait on the workers' open
        # connections, the next two on new connections the frozen network never answers either.
        urls = ["/commitments/", "/healthz", "/", "/commitments/export.csv"]
        for url, (status, _, body), elapsed in timed_fetches(base, urls):
            assert status == 503, (url, status, body)
            # The bound itself, not a measurement: the request waits ANSWER_TIMEOUT, plus the
            # little work it does before and after (with the default timeout, 6 s is the issue's
            # ceiling).
            assert elapsed < ANSWER_TIMEOUT + 1, (url, elapsed)
    finally:
        proxy.forward()
    wait_for(lambda: fetch(f"{base}/healthz")[0] == 200, "the site to see the database again")
    for _ in range(4):
        assert fetch(f"{base}/commitments/")[0] == 200
    assert workers(server) == before, "a worker was killed"
    assert server.poll() is None
