"""The benchmark's figures as Markdown, ready for docs/benchmarks.md."""

import datetime
import os
import platform
from pathlib import Path


def machine(connection):
    from commitments.models import Commitment, StatusUpdate
    from departments.models import Department

    lines = [
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- machine: {os.cpu_count()} cores, {cpu_model()}, {memory_gb():.0f} GB RAM, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at start",
        f"- software: Python {platform.python_version()}, {database_version(connection)}",
        f"- data: {Department.objects.count():,} departments, {Commitment.objects.count():,} "
        f"commitments, {StatusUpdate.objects.count():,} status updates",
        f"- cache: {cache_backend()}",
    ]
    return "\n".join(lines) + "\n"


def database_version(connection):
    if connection.vendor != "postgresql":
        return connection.vendor
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def memory_gb():
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def cache_backend():
    from django.conf import settings

    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def pages(pages, results, baselines, args):
    """Each page's figures; its ratio is to the /healthz run just before it (`baselines`)."""
    health = [baseline.rps for baseline in baselines.values()]
    lines = [
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s per page, "
        f"gunicorn with 2 sync workers; /healthz, loaded before each page: "
        + (f"{min(health):,.0f}–{max(health):,.0f} req/s" if health else "not loaded"),
        "",
        "| page | queries (1st / 2nd) | 1 request, ms (1st / 2nd) | req/s | p50 ms | p95 ms "
        "| vs /healthz | failed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in pages[1:]:
        if page.missing:
            lines.append(f"| {page.name} | missing | | | | | | |")
            continue
        queries = f"{page.queries_cold} / {page.queries_warm}"
        if page.status != 200:
            queries += f" (HTTP {page.status})"
        single = f"{page.first_seconds * 1000:,.0f} / {page.seconds * 1000:,.1f}"
        if page.name not in results:
            lines.append(f"| {page.name} `{page.path}` | {queries} | {single} | too slow for "
                         f"a {args.duration} s run | | | | |")
            continue
        result = results[page.name]
        ratio = f"{result.rps / baselines[page.name].rps:.0%}"
        lines.append(
            f"| {page.name} `{page.path}` | {queries} | {single} | {result.rps:.1f} | "
            f"{result.p50_ms:.0f} | {result.p95_ms:.0f} | {ratio} | {result.failed} |"
        )
    return "\n".join(lines) + "\n"


def imports(runs):
    lines = [
        "| import | articles | chars | commitments | parse s | store s | parse chars/s "
        "| import chars/s | ms/article |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        lines.append(
            f"| {run.name} | {run.articles} | {run.chars:,} | {run.commitments:,} | "
            f"{run.parse_seconds:.2f} | {run.store_seconds:.2f} | "
            f"{run.chars / run.parse_seconds:,.0f} | {run.chars_per_second:,.0f} | "
            f"{run.seconds / run.articles * 1000:.0f} |"
        )
    if not runs:
        lines.append("| seed article | missing | | | | | | | |")
    return "\n".join(lines) + "\n"


def held(paths, result, before, after, args):
    lines = [
        f"Held load: wrk -t{args.threads} -c{args.connections} -d{args.hold}s cycling through "
        f"{len(paths)} pages: {result.requests:,} requests, {result.rps:.1f} req/s, "
        f"p50 {result.p50_ms:.0f} ms, p95 {result.p95_ms:.0f} ms, p99 {result.p99_ms:.0f} ms",
        f"- failed requests: {result.failed} ({result.bad_statuses} non-2xx/3xx, "
        f"{result.socket_errors} socket errors of which {result.timeouts} timeouts)",
        "",
        "| worker pid | RSS at start (MB) | RSS at end (MB) | growth |",
        "| --- | ---: | ---: | ---: |",
    ]
    for pid in sorted(set(before) | set(after)):
        start, end = before.get(pid), after.get(pid)
        growth = f"{(end - start) / start:+.1%}" if start and end else "restarted"
        lines.append(f"| {pid} | {mb(start)} | {mb(end)} | {growth} |")
    return "\n".join(lines) + "\n"


def shared(before, after):
    return (
        f"Master and workers together, shared pages counted once (PSS): {mb(before)} MB at start, "
        f"{mb(after)} MB at end.\n"
    )


def mb(kb):
    return f"{kb / 1024:.1f}" if kb else "-"
