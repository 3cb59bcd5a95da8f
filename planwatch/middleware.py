"""Project middleware: security headers Django does not set, refusal of NUL bytes in URLs, and a
plain 503 when the database is down."""

import logging
from urllib.parse import unquote

from django.conf import settings
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy from settings to every response that lacks one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(
            f"{directive} {' '.join(sources)}".strip()
            for directive, sources in settings.CONTENT_SECURITY_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class RejectNulMiddleware:
    """Answers 400 to a request whose path or query string holds a NUL byte, before any view.

    No URL of PlanWatch has a use for one, and PostgreSQL refuses NUL in a text literal: a view or
    admin filter passing it on to a query would fail with a 500 (SQLite takes it, so a test on
    SQLite alone would not see it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return HttpResponseBadRequest(
                "NUL bytes are not allowed in URLs.\n", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answers 503 with a plain message when the database cannot be reached.

    Django reconnects on the next request (CONN_HEALTH_CHECKS), so the site recovers by itself
    when the database returns.
    """

    MESSAGE = (
        "PlanWatch 暂时无法访问数据库,请稍后再试。\n"
        "PlanWatch cannot reach its database; please try again shortly.\n"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming and not self.database_answers():
            # A streamed body (the CSV export) reads the database only while it is sent, after
            # every middleware has run: without this, an outage would cut off a "200 OK". The
            # body is not started yet, so dropping the response leaves nothing open.
            return self.unavailable()
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.error("Database unavailable: %s", exception)
            return self.unavailable()
        return None

    def database_answers(self):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except (OperationalError, InterfaceError) as error:
            logger.error("Database unavailable: %s", error)
            return False
        return True

    def unavailable(self):
        response = HttpResponse(self.MESSAGE, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "30"
        return response
