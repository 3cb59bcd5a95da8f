"""Benchmark PlanWatch with production settings: gunicorn on 127.0.0.1, loaded by wrk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/planwatch_bench .venv/bin/python bench/run.py

Prints issue 16's scorecard: the main pages' first request after a write, 60 s of mixed load
(wrk on the pages while this process records 2 status updates a second and checks that the next
request shows each), the commitment page's rate against /healthz, the full CSV and xlsx exports'
time and worker memory, each beside its target; saves the figures in bench/results/<size>.json
and compares them with another size's. --pages instead prints, per page, requests/s, p50 and
p95 latency, SQL queries per request and the ratio to /healthz, then the importer's throughput;
--hold 60 holds the load on the main pages for 60 s and reports failed requests and memory.
"""

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKERS = 2
# The pages a visitor browses: the held load cycles through them, exports excluded.
HELD_PAGES = {"overview", "departments", "department (largest)", "goal (largest)",
              "list: theme+status+q", "commitment (longest history)"}


def production_environment(static_root):
    """What the gunicorn workers and this process run with: DEBUG off, hashed and compressed statics."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="planwatch.settings",
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATICFILES_STORAGE="whitenoise.storage.CompressedManifestStaticFilesStorage",
        DJANGO_STATIC_ROOT=str(static_root),
    )
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (10)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--repeat", type=int, default=10, help="writes before each page (10)")
    parser.add_argument("--mixed", type=int, default=60, help="seconds of mixed load (60)")
    parser.add_argument("--writes", type=float, default=2, help="updates/s under mixed load (2)")
    parser.add_argument(
        "--pages", action="store_true", help="each page loaded in turn, then the importer"
    )
    parser.add_argument("--hold", type=int, metavar="SECONDS", help="hold the load on the main pages")
    parser.add_argument("--articles", type=int, default=100, help="generated articles to import (100)")
    parser.add_argument(
        "--imports-only", action="store_true", help="measure the importer only (any database, no wrk)"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-") as workdir:
        production_environment(Path(workdir) / "static")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from bench import report
        from bench.pages import count_queries, main_pages

        if args.imports_only:
            from bench.importing import import_throughput

            print(report.imports(import_throughput(args.articles)))
            return
        if connection.vendor != "postgresql":
            print("warning: DATABASE_URL is not PostgreSQL; the figures say little.", file=sys.stderr)
        call_command("collectstatic", interactive=False, verbosity=0)
        print(report.machine(connection), flush=True)
        if not (args.hold or args.pages):
            score(args, Path(workdir))
            return
        pages = [p for p in main_pages() if not args.hold or p.name in HELD_PAGES]
        pages = [count_queries(page, slow=args.duration) for page in pages]
        connection.close()
        if args.hold:
            hold(args, pages, Path(workdir))
        else:
            from bench.importing import import_throughput

            load_each(args, pages, Path(workdir))
            print(report.imports(import_throughput(args.articles)))


def score(args, workdir):
    """Issue 16's scorecard against gunicorn, saved for the comparison between sizes."""
    from bench import performance, scorecard
    from bench.pages import busiest, main_pages
    from bench.server import Gunicorn
    from commitments.models import Commitment

    objects = busiest()
    args.department, args.goal = objects.department, objects.goal
    args.mixed_pages = sorted(HELD_PAGES)
    pages = main_pages(objects)
    commitments = Commitment.objects.count()
    server = Gunicorn(workers=WORKERS, log_path=workdir / "gunicorn.log")
    try:
        server.wait_ready()
        figures = performance.measure(server, pages, args)
    finally:
        server.stop()
        kept = scorecard.RESULTS_DIR / f"gunicorn-{commitments}.log"
        shutil.copyfile(server.log.name, kept)
    print(performance.report(figures, commitments, git_commit()))
    print(f"gunicorn's log: {kept}")


def git_commit():
    completed = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    )
    return completed.stdout.strip() or "unknown"


def load_each(args, pages, workdir):
    from bench import report
    from bench.measure import load
    from bench.server import Gunicorn

    server = Gunicorn(workers=WORKERS, log_path=workdir / "gunicorn.log")
    health, *others = pages
    try:
        server.wait_ready()
        results, baselines = {}, {}
        for page in others:
            # A page slower than the run would only queue requests that outlive it.
            if page.missing or page.seconds > args.duration:
                continue
            # /healthz just before each page: other processes' load drifts within a run.
            baselines[page.name] = load(server, health.path, args)
            results[page.name] = load(server, page.path, args)
    finally:
        server.stop()
    print(report.pages(pages, results, baselines, args))


def hold(args, pages, workdir):
    from bench import report, wrk
    from bench.server import Gunicorn

    paths = [page.path for page in pages if not page.missing]
    server = Gunicorn(workers=WORKERS, log_path=workdir / "gunicorn.log")
    try:
        server.wait_ready()
        # Every worker serves every page a few times (jieba loads on the first search) before the
        # first reading of its memory.
        warm_up = max(10, round(4 * sum(page.seconds for page in pages if not page.missing)))
        wrk.run(
            server.base_url, seconds=warm_up, threads=args.threads,
            connections=args.connections, paths=paths,
        )
        server.wait_ready(seconds=600)
        before, pss_before = server.worker_rss_kb(), server.pss_kb()
        result = wrk.run(
            server.base_url, seconds=args.hold, threads=args.threads,
            connections=args.connections, paths=paths,
        )
        after, pss_after = server.worker_rss_kb(), server.pss_kb()
    finally:
        server.stop()
    print(report.held(paths, result, before, after, args))
    print(report.shared(pss_before, pss_after))


if __name__ == "__main__":
    main()
