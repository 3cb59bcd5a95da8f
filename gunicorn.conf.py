"""gunicorn settings, read from the project directory (`--config gunicorn.conf.py`).

The app and jieba's dictionary load once, in the master, before the workers fork: the workers
share the dictionary's memory (copy-on-write) instead of each loading a copy of its own on its
first keyword search. With 2 workers after 200 searches: 183 MB of memory in all (PSS) instead
of 258 MB, and a worker's first search 60–170 ms instead of 700 (docs/benchmarks.md).

The price: `kill -HUP` (systemctl reload) forks new workers from the code already loaded, so new
code needs a restart (docs/operations.md).

A worker waits for PostgreSQL at most DATABASE_STATEMENT_TIMEOUT (4 s unless set) plus one
second, then answers 503: a database that stops answering never holds a worker until gunicorn
kills it (planwatch.database).
"""

import gc
import os

# Set before the app loads: web requests get a statement timeout, and management commands (long
# migrations, restores) none unless their environment sets one.
raw_env = [f"DATABASE_STATEMENT_TIMEOUT={os.environ.get('DATABASE_STATEMENT_TIMEOUT', '4')}"]

preload_app = True


def when_ready(server):
    from commitments.parsing.tokens import load_dictionary

    load_dictionary()
    # What exists now is never collected: otherwise each worker's collector writes to every
    # object's header, and the pages holding them stop being shared.
    gc.freeze()


def post_worker_init(worker):
    from django.conf import settings
    from django.db import connection

    from planwatch.database import bound_waits

    if connection.vendor == "postgresql" and settings.DATABASE_ANSWER_TIMEOUT:
        bound_waits(settings.DATABASE_ANSWER_TIMEOUT)
