"""The documented production environment passes Django's deployment checks and serves HTTPS only.

Settings are read once, at start-up, from the environment: each test here starts a fresh Python
with the production environment of docs/operations.md, and the in-process tests apply exactly the
settings that environment produced.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key
from django.db.utils import OperationalError
from django.test import Client

from .factories import make_user

PROJECT = Path(__file__).resolve().parent.parent
HOST = "planwatch.example.gov.cn"

# Every setting the production environment decides, as a fresh process sees it.
SECURITY_SETTINGS = [
    "DEBUG", "ALLOWED_HOSTS", "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY",
    "CSRF_TRUSTED_ORIGINS", "AXES_IPWARE_PROXY_COUNT", "TRUSTED_PROXIES",
    "SECURE_REDIRECT_EXEMPT",
]


def production_env():
    """The production environment documented in docs/operations.md, with a fresh secret key."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=get_random_secret_key(),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        DJANGO_HTTPS="1",
        DJANGO_PROXY_COUNT="1",
        DJANGO_SETTINGS_MODULE="planwatch.settings",
        DJANGO_ENV_FILE="none",
    )
    return env


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT, env=env or production_env(),
        capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.fixture(scope="module")
def production_settings():
    probe = run(
        "-c",
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))",
    )
    assert probe.returncode == 0, probe.stderr
    return json.loads(probe.stdout)


@pytest.fixture
def in_production(settings, production_settings):
    """This process's settings as the production environment makes them."""
    for name, value in production_settings.items():
        setattr(settings, name, tuple(value) if name == "SECURE_PROXY_SSL_HEADER" else value)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


def https_client(**kwargs):
    """A client whose requests come through the HTTPS-terminating proxy."""
    return Client(**({"HTTP_HOST": HOST, "HTTP_X_FORWARDED_PROTO": "https"} | kwargs))


def test_check_deploy_reports_no_issue_in_production():
    checked = run("manage.py", "check", "--deploy", "--fail-level", "DEBUG")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "System check identified no issues" in checked.stdout


def test_check_deploy_flags_a_development_environment():
    # The check above would pass vacuously if --deploy found nothing to say anywhere.
    env = production_env() | {"DJANGO_DEBUG": "1", "DJANGO_HTTPS": "0"}
    checked = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert checked.returncode != 0
    assert "security.W018" in checked.stderr  # DEBUG on


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    checked = run("manage.py", "check", env=env)
    assert checked.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in checked.stderr


def test_production_refuses_to_start_with_a_malformed_proxy_address():
    env = production_env() | {"DJANGO_TRUSTED_PROXIES": "10.0.0.0/8,nginx.internal"}
    checked = run("manage.py", "check", env=env)
    assert checked.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES" in checked.stderr


@pytest.mark.parametrize("url", ["/", "/commitments/?status=done", "/admin/login/", "/healthz/"])
def test_plain_http_is_redirected_to_https(in_production, url):
    response = Client(HTTP_HOST=HOST).get(url)
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}{url}"


def test_healthz_answers_over_plain_http(in_production, db):
    # A load balancer probing the app server directly speaks plain HTTP, without the proxy's
    # X-Forwarded-Proto: a redirect would tell it nothing about the database.
    response = Client(HTTP_HOST=HOST).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "Strict-Transport-Security" not in response


class UnreachableConnection:
    def cursor(self):
        raise OperationalError("connection refused")


def test_healthz_reports_the_database_down_over_plain_http(in_production, monkeypatch):
    monkeypatch.setattr("planwatch.views.connection", UnreachableConnection())
    response = Client(HTTP_HOST=HOST).get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "down"}


def test_https_responses_carry_hsts(in_production, db):
    response = https_client().get("/healthz")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_unknown_host_is_refused(in_production):
    assert https_client(HTTP_HOST="attacker.example").get("/healthz").status_code == 400


def test_csrf_cookie_is_secure_and_http_only(in_production, db):
    response = https_client().get("/admin/login/")
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_session_cookie_is_secure_and_http_only(in_production, db):
    make_user("clerk", is_staff=True)
    client = https_client(enforce_csrf_checks=True)
    token = client.get("/admin/login/").cookies["csrftoken"].value
    response = client.post(
        "/admin/login/",
        {"username": "clerk", "password": "pw-123456!", "csrfmiddlewaretoken": token},
        HTTP_REFERER=f"https://{HOST}/admin/login/",
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
