"""Status updates recorded beside the server, as staff would: Commitment.update_status in this process.

The gunicorn workers see each update as another process's committed write, and the next request
must show it.
"""

import itertools
import json
import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import connection

from bench.measure import fetch

# Threads checking updates, and how long a check waits for the server.
CHECKERS, CHECK_TIMEOUT = 8, 60


def writable_commitments(department_slug, goal_slug, limit=200):
    """Commitments of the benchmark's department and goal, so that a write concerns every page
    measured after it, whatever the pages' caches depend on; the department's own otherwise."""
    from commitments.models import Commitment

    mine = Commitment.objects.filter(department__slug=department_slug).order_by("pk")
    both = list(mine.filter(goals__slug=goal_slug).values_list("pk", flat=True)[:limit])
    return both or list(mine.values_list("pk", flat=True)[:limit])


class Writer:
    """Records updates on the given commitments in turn: status 推进中, a new progress, a note that
    names the update."""

    def __init__(self, pks, seed=16):
        if not pks:
            raise ValueError("No commitment to update.")
        self.pks = itertools.cycle(pks)
        self.rng = random.Random(seed)
        self.run = uuid.uuid4().hex[:8]
        self.count = 0

    def write(self):
        """One committed update; returns (pk, progress, note)."""
        from commitments.models import Commitment
        from commitments.status import Status

        commitment = Commitment.objects.get(pk=next(self.pks))
        progress = self.rng.choice([p for p in range(1, 100) if p != commitment.progress])
        self.count += 1
        note = f"bench {self.run} update {self.count}"
        commitment.update_status(status=Status.IN_PROGRESS, progress=progress, note=note)
        return commitment.pk, progress, note


def afresh_after_writes(server, pages, writer, repeat, budget_seconds=60):
    """For each page, `repeat` times: one update, then the page's first request after it.

    A page that has taken `budget_seconds` stops after three (a million commitments, old code).
    Returns {page name: [Fetch, ...]}.
    """
    fetches = {}
    for page in pages:
        runs = fetches[page.name] = []
        while len(runs) < repeat and (len(runs) < 3 or sum(r.seconds for r in runs) < budget_seconds):
            writer.write()
            runs.append(fetch(server, page.path))
    return fetches


@dataclass
class Visibility:
    updates: int = 0
    missed_page: int = 0  # the commitment's page did not show the note
    missed_json: int = 0  # /api/commitments/<id>.json did not show the note and progress
    errors: int = 0  # the checks' own requests that failed
    lag_seconds: list = field(default_factory=list)  # how late each update started

    @property
    def missed(self):
        return self.missed_page + self.missed_json


def write_and_check(server, writer, *, per_second, seconds, stop):
    """Record `per_second` updates a second for `seconds`. After each, other threads request the
    commitment's page and its JSON, which must show it; a slow server delays the checks, not the
    updates. Late updates are not made up for."""
    result = Visibility()
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=CHECKERS) as checkers:
            checks = []
            for number in itertools.count():
                due = started + number / per_second
                if due >= started + seconds or stop.is_set():
                    break
                time.sleep(max(0.0, due - time.monotonic()))
                result.lag_seconds.append(time.monotonic() - due)
                checks.append(checkers.submit(check, server, *writer.write()))
                result.updates += 1
            for outcome in checks:
                page, api = outcome.result()
                result.errors += (page is None) + (api is None)
                result.missed_page += page is False
                result.missed_json += api is False
    finally:
        connection.close()
    return result


def check(server, pk, progress, note):
    """Whether the commitment's page and its JSON show the update: True, False, or None when the
    request failed."""
    page = fetch(server, f"/commitments/{pk}/", timeout=CHECK_TIMEOUT, keep_body=True)
    api = fetch(server, f"/api/commitments/{pk}.json", timeout=CHECK_TIMEOUT, keep_body=True)
    return (
        note.encode() in page.body if page.ok else None,
        shows(api.body, note, progress) if api.ok else None,
    )


def shows(body, note, progress):
    """Whether the JSON of a commitment carries the note and, where it states one, the progress."""
    try:
        row = json.loads(body)
    except ValueError:
        return False
    return note in body.decode() and row.get("progress", progress) == progress


def mixed_load(server, paths, writer, *, seconds, per_second, threads, connections):
    """wrk on the pages for `seconds` while this process records updates beside it."""
    from bench import wrk

    stop = threading.Event()
    outcome = {}

    def writing():
        outcome["visibility"] = write_and_check(
            server, writer, per_second=per_second, seconds=seconds, stop=stop
        )

    thread = threading.Thread(target=writing)
    thread.start()
    try:
        load = wrk.run(
            server.base_url, seconds=seconds, threads=threads, connections=connections,
            paths=paths,
        )
    finally:
        stop.set()
        thread.join()
    return load, outcome["visibility"]
