"""The admin login locks a username out, from one address, after repeated failures (django-axes)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.test import Client, override_settings

from planwatch.client_ip import client_ip_address

from .factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "pw-123456!"  # the factories' password
LOCKED_OUT = 429


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff():
    return make_user("clerk", is_staff=True, is_superuser=True)


def log_in(password, username="clerk", address="203.0.113.7", **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})
    return response


def fail(times, **kwargs):
    return [log_in("wrong password", **kwargs).status_code for _ in range(times)]


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_failures_below_the_limit_are_answered_with_the_form(staff):
    assert fail(settings.AXES_FAILURE_LIMIT - 1) == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert logged_in(log_in(PASSWORD))


def test_after_the_limit_even_the_right_password_is_refused(staff):
    statuses = fail(settings.AXES_FAILURE_LIMIT)
    assert statuses[-1] == LOCKED_OUT
    refused = log_in(PASSWORD)
    assert refused.status_code == LOCKED_OUT
    assert "_auth_user_id" not in refused.wsgi_request.session


def test_unknown_usernames_are_locked_out_too(db):
    assert fail(settings.AXES_FAILURE_LIMIT, username="nobody")[-1] == LOCKED_OUT


def test_lockout_ends_after_the_cool_off(staff):
    fail(settings.AXES_FAILURE_LIMIT)
    assert log_in(PASSWORD).status_code == LOCKED_OUT
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    )
    assert logged_in(log_in(PASSWORD))


def test_cool_off_is_not_over_a_minute_early(staff):
    fail(settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1)
    )
    assert log_in(PASSWORD).status_code == LOCKED_OUT


def test_a_successful_login_resets_the_count(staff):
    fail(settings.AXES_FAILURE_LIMIT - 1)
    assert logged_in(log_in(PASSWORD))
    assert fail(settings.AXES_FAILURE_LIMIT - 1) == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert logged_in(log_in(PASSWORD))


def test_lockout_holds_for_that_username_from_that_address_only(staff):
    make_user("registrar", is_staff=True)
    fail(settings.AXES_FAILURE_LIMIT)
    assert log_in(PASSWORD).status_code == LOCKED_OUT
    assert logged_in(log_in(PASSWORD, address="198.51.100.20"))
    assert logged_in(log_in(PASSWORD, username="registrar"))


@override_settings(AXES_IPWARE_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_address_it_forwarded(staff):
    # The proxy is nginx on this host (the default trusted proxy, loopback); the client may
    # prepend any address it likes.
    proxied = {"address": "127.0.0.1"}
    fail(settings.AXES_FAILURE_LIMIT, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7", **proxied)
    assert log_in(PASSWORD, HTTP_X_FORWARDED_FOR="2.2.2.2, 203.0.113.7", **proxied).status_code == (
        LOCKED_OUT
    )
    assert logged_in(log_in(PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.20", **proxied))


@override_settings(AXES_IPWARE_PROXY_COUNT=1)
def test_a_forged_header_sent_past_the_proxy_cannot_escape_the_lockout(staff):
    # Straight to gunicorn, a new X-Forwarded-For on every attempt: each would otherwise count
    # as a new client, and the lockout would never come.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in("wrong password", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}")
    refused = log_in(PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert refused.status_code == LOCKED_OUT
    assert logged_in(log_in(PASSWORD, address="203.0.113.8", HTTP_X_FORWARDED_FOR="192.0.2.99"))


TRUSTED = ["127.0.0.0/8", "::1/128", "10.0.0.0/24"]


@pytest.mark.parametrize(
    ("proxies", "meta", "client"),
    [
        (0, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.1.1.1"}, "10.0.0.2"),
        (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.1.1.1, 9.9.9.9"}, "9.9.9.9"),
        (1, {"REMOTE_ADDR": "::1", "HTTP_X_FORWARDED_FOR": "2001:db8::7"}, "2001:db8::7"),
        (2, {"REMOTE_ADDR": "10.0.0.3", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 9.9.9.9, 10.0.0.2"}, "9.9.9.9"),
        (1, {"REMOTE_ADDR": "9.9.9.9"}, "9.9.9.9"),
        (1, {"REMOTE_ADDR": "9.9.9.9", "HTTP_X_FORWARDED_FOR": "1.1.1.1"}, "9.9.9.9"),
        (2, {"REMOTE_ADDR": "10.0.0.3", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 8.8.8.8"}, "8.8.8.8"),
        (1, {"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        (1, {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "not an address"}, "10.0.0.2"),
    ],
    ids=[
        "no-proxy-ignores-header", "one-proxy", "one-proxy-ipv6", "two-proxies",
        "request-bypassing-proxy", "forged-header-bypassing-proxy",
        "second-hop-not-a-proxy", "proxy-itself", "garbage-header",
    ],
)
def test_client_address_trusts_only_our_own_proxies(rf, proxies, meta, client):
    with override_settings(AXES_IPWARE_PROXY_COUNT=proxies, TRUSTED_PROXIES=TRUSTED):
        assert client_ip_address(rf.get("/", **meta)) == client
