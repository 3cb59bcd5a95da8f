"""The benchmark's helpers: wrk's results, a process's memory, percentiles, the scorecard and its
results file (the timings themselves are never tested)."""

import json
import os

import pytest

from bench import scorecard, wrk
from bench.scorecard import Figure
from bench.server import parent_of, pss_kb, rss_kb
from bench.writes import shows

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


def test_percentile_interpolates_between_neighbours():
    values = [40, 10, 30, 20]
    assert scorecard.percentile(values, 0) == 10
    assert scorecard.percentile(values, 100) == 40
    assert scorecard.median(values) == 25
    assert scorecard.percentile(values, 95) == pytest.approx(38.5)
    assert scorecard.median([7]) == 7


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        scorecard.percentile([], 50)


def test_figures_are_checked_against_their_targets():
    assert Figure("a", "page", 49.0, "ms", limit=50).met is True
    assert Figure("a", "page", 51.0, "ms", limit=50).met is False
    assert Figure("s", "share", 29.0, "%", limit=30, at_least=True).met is False
    assert Figure("e", "errors", 0, limit=0).met is True
    assert Figure("m", "memory", 180.0, "MB").met is None
    assert Figure("a", "page", None, "ms", limit=50).met is None
    assert Figure("c", "csv", 0.2, "s", limit=1, failed=True).met is False


def test_table_puts_each_figure_beside_its_target():
    table = scorecard.table([
        Figure("afresh.overview", "overview `/`", 212.4, "ms", detail="max 340 ms", limit=50),
        Figure("commitment_share", "commitment vs /healthz", 31.2, "%", limit=30, at_least=True),
        Figure("export.csv.rss_peak_mb", "worker RSS", 180.0, "MB"),
        Figure("mixed.errors", "errors", 3, limit=0),
    ], 100_000)
    lines = table.splitlines()
    assert lines[0] == "| figure | at 100,000 commitments | target | met |"
    assert lines[2] == "| overview `/` | 212 ms (max 340 ms) | ≤ 50 ms | **no** |"
    assert lines[3] == "| commitment vs /healthz | 31 % | ≥ 30 % | yes |"
    assert lines[4] == "| worker RSS | 180 MB |  |  |"
    assert lines[5] == "| errors | 3 | ≤ 0 | **no** |"


def test_small_figures_keep_a_decimal():
    assert Figure("x", "csv", 3.46, "s").shown == "3.5 s"
    assert Figure("x", "ratio", 1.25, "×").shown == "1.2×"


def test_results_are_saved_per_size_and_the_nearest_smaller_size_is_compared(tmp_path):
    figures = [Figure("afresh.overview", "overview", 40.0, "ms", limit=50)]
    path = scorecard.save(figures, 100_000, "abc1234", directory=tmp_path)
    assert path == tmp_path / "100000.json"
    scorecard.save([Figure("afresh.overview", "overview", 20.0, "ms")], 10_000, "abc1234",
                   directory=tmp_path)
    (tmp_path / "broken.json").write_text("{not json")

    other = scorecard.other_size(1_000_000, directory=tmp_path)
    assert other["commitments"] == 100_000
    assert other["figures"] == {"afresh.overview": 40.0}
    assert other["commit"] == "abc1234"
    assert scorecard.other_size(10_000, directory=tmp_path)["commitments"] == 100_000
    assert scorecard.other_size(5, directory=tmp_path / "none") is None


def test_scaling_divides_the_larger_size_by_the_smaller():
    other = {"commitments": 100_000, "commit": "abc1234", "figures": {"afresh.overview": 40.0}}
    figures = [
        Figure("afresh.overview", "overview", 70.0, "ms", limit=50),
        Figure("mixed.p95", "p95", 30.0, "ms", limit=50),
    ]
    [ratio] = scorecard.scaling(figures, 1_000_000, other)
    assert ratio.key == "scaling.afresh.overview"
    assert ratio.value == pytest.approx(1.75)
    assert ratio.met is False
    assert "1,000,000 vs 100,000" in ratio.label
    [reverse] = scorecard.scaling(figures, 10_000, other)
    assert reverse.value == pytest.approx(40 / 70)
    assert scorecard.scaling(figures, 1_000_000, None) == []


def test_saved_results_leave_the_ratios_out(tmp_path):
    figures = [
        Figure("afresh.overview", "overview", 70.0, "ms"),
        Figure("scaling.afresh.overview", "ratio", 1.75, "×"),
    ]
    path = scorecard.save(figures, 1_000_000, "abc1234", directory=tmp_path)
    assert json.loads(path.read_text())["figures"] == {"afresh.overview": 70.0}


def test_an_update_counts_as_shown_when_the_json_has_its_note_and_progress():
    body = json.dumps({"progress": 42, "latest_note": "bench ab12 update 3"}).encode()
    assert shows(body, "bench ab12 update 3", 42)
    assert not shows(body, "bench ab12 update 3", 43)
    assert not shows(body, "bench ab12 update 4", 42)
    assert not shows(b"<html>", "bench ab12 update 3", 42)
