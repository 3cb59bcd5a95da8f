"""The benchmark's helpers: reading wrk's results and a process's memory (the timings are never tested)."""

import os

import pytest

from bench import wrk
from bench.server import parent_of, pss_kb, rss_kb

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40123/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     7.02ms    3.11ms  41.20ms   80.00%
  2284 requests in 10.00s, 1.20MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    228.37
BENCH requests=2284 duration_us=10001500 p50_us=6500 p95_us=12800 p99_us=20100 connect=0 read=1 write=0 status=3 timeout=2
"""


def test_wrk_results_are_read_from_the_reporter_line():
    result = wrk.parse(WRK_OUTPUT)
    assert result.requests == 2284
    assert result.rps == pytest.approx(228.37, abs=0.01)
    assert (result.p50_ms, result.p95_ms, result.p99_ms) == (6.5, 12.8, 20.1)
    assert (result.bad_statuses, result.socket_errors, result.timeouts) == (3, 3, 2)
    assert result.failed == 6


def test_wrk_output_without_results_is_an_error():
    with pytest.raises(ValueError, match="unable to connect"):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_reporter_script_ships_with_the_benchmark():
    assert "latency:percentile(95)" in wrk.SCRIPT.read_text()


def test_process_memory_and_parent_are_read_from_proc():
    if not os.path.exists("/proc/self/status"):
        pytest.skip("no /proc")
    assert rss_kb(os.getpid()) > 1000
    assert parent_of(os.getpid()) == os.getppid()


def test_proportional_memory_is_read_from_proc():
    if not os.path.exists("/proc/self/smaps_rollup"):
        pytest.skip("no /proc/<pid>/smaps_rollup")
    assert 1000 < pss_kb(os.getpid()) <= rss_kb(os.getpid())
