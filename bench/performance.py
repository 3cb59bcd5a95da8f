"""Issue 16's measurements against a running gunicorn: pages after a write, mixed load, exports.

Only public URLs and Commitment.update_status are used, so that the measurements hold whatever
the views and their caches become.
"""

from urllib.parse import unquote

from bench import scorecard
from bench.measure import fetch, load
from bench.scorecard import Figure, median
from bench.writes import Writer, afresh_after_writes, mixed_load, writable_commitments

# Issue 16's targets.
AFRESH_MS = 50
MIXED_P95_MS = 50
COMMITMENT_SHARE = 30
CSV_SECONDS = 1
# The pages to render afresh after a write (issue 16), and the plan account (issue 13).
AFRESH_PAGES = ["overview", "departments", "department (largest)", "goal (largest)"]
ACCOUNT = "plan account (十四五)"
# Full exports are slow: the CSV three times (median), the workbook once.
CSV_RUNS, XLSX_RUNS = 3, 1


def measure(server, pages, args):
    """Every figure of the scorecard, in the order the table prints them."""
    by_name = {page.name: page for page in pages if page.path}
    writer = Writer(writable_commitments(args.department, args.goal))
    warm_up(server, by_name.values())

    figures = []
    afresh = [by_name[name] for name in [*AFRESH_PAGES, ACCOUNT] if name in by_name]
    fetches = afresh_after_writes(server, afresh, writer, args.repeat)
    for page in afresh:
        figures.append(afresh_figure(page, fetches[page.name], issue16=page.name != ACCOUNT))

    commitment = by_name["commitment (longest history)"]
    health = load(server, by_name["/healthz"].path, args)
    rate = load(server, commitment.path, args)
    figures.append(Figure(
        "commitment_share", f"commitment page `{commitment.path}` vs `/healthz` (req/s, no writes)",
        100 * rate.rps / health.rps if health.rps else None, "%",
        detail=f"{rate.rps:,.1f} vs {health.rps:,.0f} req/s, p95 {rate.p95_ms:,.0f} ms",
        limit=COMMITMENT_SHARE, at_least=True, failed=rate.failed > 0,
    ))

    paths = [by_name[name].path for name in args.mixed_pages if name in by_name]
    server.wait_ready(seconds=600)
    load_result, visibility = mixed_load(
        server, paths, writer, seconds=args.mixed, per_second=args.writes,
        threads=args.threads, connections=args.connections,
    )
    figures += mixed_figures(load_result, visibility, args)

    server.wait_ready(seconds=600)
    figures += export_figures("csv", by_name.get("export.csv (all)"), server, CSV_RUNS, CSV_SECONDS)
    figures += export_figures("xlsx", by_name.get("export.xlsx (all)"), server, XLSX_RUNS)
    return figures


def warm_up(server, pages):
    """Each page twice, exports aside: each worker loads its templates and code once."""
    for page in pages:
        if "export" not in page.name:
            for _ in range(2):
                fetch(server, page.path)


def afresh_figure(page, fetches, issue16):
    times = [f.seconds * 1000 for f in fetches]
    failed = sum(not f.ok for f in fetches)
    detail = f"max {max(times):,.0f} ms, n={len(times)}"
    if failed:
        detail += f", {failed} failed"
    if not issue16:
        peak = max(f.rss_peak_kb - f.rss_before_kb for f in fetches)
        detail += f", worker RSS +{peak / 1024:.1f} MB at most"
    return Figure(
        f"afresh.{page.name}",
        f"{page.name} `{unquote(page.path)}`, first request after a write (median)",
        median(times), "ms", detail=detail, limit=AFRESH_MS if issue16 else None,
        failed=bool(failed),
    )


def mixed_figures(load, visibility, args):
    lag = max(visibility.lag_seconds, default=0)
    label = f"mixed load {args.mixed} s (wrk -c{args.connections}, {args.writes} updates/s)"
    return [
        Figure(
            "mixed.p95", f"{label}: p95", load.p95_ms, "ms",
            detail=f"p50 {load.p50_ms:,.0f} ms, p99 {load.p99_ms:,.0f} ms, {load.rps:,.1f} req/s",
            limit=MIXED_P95_MS,
        ),
        Figure(
            "mixed.errors", f"{label}: errors (non-2xx/3xx, socket errors, failed checks)",
            load.failed + visibility.errors,
            detail=f"wrk {load.bad_statuses} status, {load.socket_errors} socket "
            f"({load.timeouts} timeouts); checks {visibility.errors}",
            limit=0,
        ),
        Figure(
            "mixed.missed", f"{label}: updates not shown by the next request",
            visibility.missed,
            detail=f"of {visibility.updates} updates: page {visibility.missed_page}, "
            f"JSON {visibility.missed_json}; writer at most {lag:.1f} s late",
            limit=0,
        ),
    ]


def export_figures(kind, page, server, count, limit_seconds=None):
    """Time to the last byte of the full export (median of `count`), and the serving worker's
    memory at its peak."""
    if page is None:
        return []
    runs = [fetch(server, page.path) for _ in range(count)]
    times = [run.seconds for run in runs]
    failed = [run.status for run in runs if not run.ok]
    largest = max(runs, key=lambda run: run.rss_peak_kb - run.rss_before_kb)
    detail = f"max {max(times):.2f} s, {max(run.size for run in runs) / 1e6:.1f} MB"
    if failed:
        detail += f", failed: {failed}"
    return [
        Figure(
            f"export.{kind}.seconds", f"`{page.path}`, all rows: time to last byte"
            + (f" (median of {count})" if count > 1 else ""),
            median(times), "s", detail=detail, limit=limit_seconds, failed=bool(failed),
        ),
        Figure(
            f"export.{kind}.rss_peak_mb", f"`{page.path}`: worker RSS at its peak",
            largest.rss_peak_kb / 1024, "MB",
            detail=f"{largest.rss_before_kb / 1024:.0f} MB before, "
            f"{largest.rss_after_kb / 1024:.0f} MB after",
        ),
    ]


def report(figures, commitments, commit):
    """The table, with the ratios to another size's saved results; saves this size's."""
    other = scorecard.other_size(commitments)
    rows = figures + scorecard.scaling(figures, commitments, other)
    path = scorecard.save(figures, commitments, commit)
    note = f"Saved to {path}." + (
        f" Compared with {other['commitments']:,} commitments (commit {other.get('commit')}, "
        f"{other.get('date')})." if other else " No other size saved yet to compare with."
    )
    return scorecard.table(rows, commitments) + "\n" + note + "\n"
