"""Requests timed: one to its last byte with the gunicorn workers' memory sampled meanwhile, or a
page under wrk's load."""

import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from bench import wrk
from bench.server import rss_kb

SAMPLE_SECONDS = 0.02


@dataclass
class Fetch:
    status: int | None  # None: no answer (connection reset, timeout)
    seconds: float
    size: int  # bytes of the body
    body: bytes
    rss_before_kb: int  # of the worker whose memory grew the most
    rss_peak_kb: int
    rss_after_kb: int

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 300


def fetch(server, path, *, timeout=600, keep_body=False):
    """GET path from the server; every worker's RSS is read every 20 ms until the last byte."""
    pids = server.worker_pids()
    before = memory(pids)
    peaks = dict(before)
    done = threading.Event()

    def sample():
        while not done.wait(SAMPLE_SECONDS):
            for pid, kb in memory(pids).items():
                peaks[pid] = max(peaks.get(pid, 0), kb)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    status, body, size = None, b"", 0
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(server.base_url + path, timeout=timeout) as response:
            status = response.status
            while chunk := response.read(1 << 16):
                size += len(chunk)
                if keep_body:
                    body += chunk
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:  # reset, refused or timed out: counted as no answer
        pass
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    after = memory(pids)
    for pid, kb in after.items():
        peaks[pid] = max(peaks.get(pid, 0), kb)
    grown = max(pids, key=lambda pid: peaks.get(pid, 0) - before.get(pid, 0), default=None)
    return Fetch(
        status, seconds, size, body,
        before.get(grown, 0), peaks.get(grown, 0), after.get(grown, 0),
    )


def memory(pids):
    """RSS in kB of each process still alive."""
    readings = {}
    for pid in pids:
        try:
            readings[pid] = rss_kb(pid)
        except OSError:  # the worker was restarted (killed by gunicorn's timeout)
            continue
    return readings


def load(server, path, args):
    """wrk's figures for one page, after a 2 s warm-up, with the workers idle before and after."""
    url = server.base_url + path
    wrk.run(url, seconds=2, threads=args.threads, connections=args.connections)
    # Requests wrk left behind still occupy the workers: let them finish first.
    server.wait_ready(seconds=600)
    result = wrk.run(url, seconds=args.duration, threads=args.threads, connections=args.connections)
    server.wait_ready(seconds=600)
    return result
