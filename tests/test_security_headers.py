"""Every response carries the security headers, and no POST is accepted without a CSRF token."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .factories import make_user

pytestmark = pytest.mark.django_db

# A public page, the admin, a 404 and the health check: the headers cannot depend on the view.
PATHS = ["/", "/admin/login/", "/no-such-page/", "/healthz"]


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in directives if words}


@pytest.fixture
def responses(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    return {path: client.get(path) for path in PATHS}


def test_every_response_carries_a_content_security_policy_without_inline_scripts(responses):
    for path, response in responses.items():
        csp = policy(response)
        assert csp["script-src"] == ["'self'"], path
        assert csp["default-src"] == ["'self'"], path
        assert csp["object-src"] == ["'none'"], path
        assert csp["frame-ancestors"] == ["'none'"], path
        assert csp["base-uri"] == ["'self'"], path
        assert csp["form-action"] == ["'self'"], path
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], path


def test_every_response_forbids_sniffing_framing_and_cross_origin_referrers(responses):
    for path, response in responses.items():
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["X-Frame-Options"] == "DENY", path
        assert response["Referrer-Policy"] == "same-origin", path
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", path


def test_pages_have_no_inline_script(client, shared_article):
    for path in ["/", "/commitments/", f"/articles/{shared_article.pk}/", "/departments/"]:
        html = client.get(path).content.decode()
        for tag in html.split("<script")[1:]:
            opening = tag.split(">", 1)[0]
            assert "src=" in opening or 'type="application/json"' in opening, (path, opening)


def test_admin_login_post_without_csrf_token_is_refused(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_user("clerk", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    refused = client.post("/admin/login/", {"username": "clerk", "password": "pw-123456!"})
    assert refused.status_code == 403
    assert "_auth_user_id" not in client.session

    token = client.get("/admin/login/").cookies["csrftoken"].value
    accepted = client.post(
        "/admin/login/",
        {"username": "clerk", "password": "pw-123456!", "csrfmiddlewaretoken": token},
    )
    assert accepted.status_code == 302


def test_language_switch_post_without_csrf_token_is_refused():
    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403


def all_views(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from all_views(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_no_view_is_exempt_from_csrf():
    exempt = [route for route, view in all_views() if getattr(view, "csrf_exempt", False)]
    assert exempt == []
