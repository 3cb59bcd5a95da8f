"""Bounds on how long a web worker waits for PostgreSQL, so that a silent database is a 503."""

import contextlib
import select

from django.conf import settings
from django.db import connection, transaction
from django.db.utils import OperationalError


class DatabaseSilent(OperationalError):
    """PostgreSQL sent nothing for the answer timeout: the network froze or the server hung.

    An OperationalError, so that the request is answered 503; but not one of psycopg2's, so that
    Django's connection health check lets it through instead of trying a new connection at once,
    which would wait as long again.
    """


def bound_waits(seconds):
    """Every wait of this process for PostgreSQL gives up after `seconds` without a byte.

    A statement_timeout cannot do it when the network freezes (the server never hears the query),
    nor can TCP keepalives or tcp_user_timeout when the kernel at the other end still answers
    (a hung server, a proxy that stopped forwarding). So psycopg2 waits through this function
    instead of inside libpq; psycopg2 closes the connection when the wait fails, and the worker
    connects afresh on its next request. Process-wide: gunicorn's workers call it (not
    management commands, whose long statements may legitimately keep the database quiet).
    """
    import psycopg2.extensions

    events = {
        psycopg2.extensions.POLL_READ: select.POLLIN,
        psycopg2.extensions.POLL_WRITE: select.POLLOUT,
    }

    def wait(connection):
        while (state := connection.poll()) != psycopg2.extensions.POLL_OK:
            poller = select.poll()
            poller.register(connection.fileno(), events[state])
            if not poller.poll(seconds * 1000):
                raise DatabaseSilent(f"the database sent nothing for {seconds:g} s")

    psycopg2.extensions.set_wait_callback(wait)


@contextlib.contextmanager
def unbounded_waits():
    """psycopg2 waits inside libpq for the block: COPY refuses to run through a wait callback.

    Process-wide, like bound_waits(): safe in gunicorn's sync workers, where a request has its
    process to itself. The server's statement_timeout still bounds the statement itself.
    """
    import psycopg2.extensions

    callback = psycopg2.extensions.get_wait_callback()
    psycopg2.extensions.set_wait_callback(None)
    try:
        yield
    finally:
        psycopg2.extensions.set_wait_callback(callback)


@contextlib.contextmanager
def waits_bounded_by(seconds):
    """The block's waits give up after `seconds` instead of the worker's usual bound; nothing
    changes where nothing bounds them (management commands, the development server)."""
    import psycopg2.extensions

    callback = psycopg2.extensions.get_wait_callback()
    if callback is None:
        yield
        return
    bound_waits(seconds)
    try:
        yield
    finally:
        psycopg2.extensions.set_wait_callback(callback)


class ExportTooLong(Exception):
    """An export's statement ran longer than DATABASE_EXPORT_TIMEOUT and was cancelled."""


@contextlib.contextmanager
def export_transaction():
    """A transaction whose statements may run DATABASE_EXPORT_TIMEOUT seconds, and whose waits
    last as long: a whole export reads far more than a page's statement may. A statement
    cancelled at that limit raises ExportTooLong."""
    seconds = settings.DATABASE_EXPORT_TIMEOUT
    with transaction.atomic():
        if connection.vendor != "postgresql":
            yield
            return
        import psycopg2.errors

        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {round(seconds * 1000)}")
        try:
            with waits_bounded_by(seconds + 1), connection.wrap_database_errors:
                yield
        except OperationalError as error:
            if isinstance(error.__cause__, psycopg2.errors.QueryCanceled):
                raise ExportTooLong from error
            raise
