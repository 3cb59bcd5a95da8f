"""Generate synthetic departments, commitments and status histories at scale, for demos and benchmarks."""

from django.core.management.base import BaseCommand, CommandError

from bench.demo import departments_for, generate


class Command(BaseCommand):
    help = (
        "Add realistic synthetic data (Chinese articles, departments, officials, commitments with "
        "themes, goals and targets, status histories) with bulk inserts; the same seed gives the "
        "same data. Bulk inserts bypass django-simple-history: no HistoricalCommitment rows are "
        "written for generated commitments."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--departments", type=int,
            help="new departments (default: 200 × √(commitments / 100,000), 200 at 100,000)",
        )
        parser.add_argument("--commitments", type=int, default=100_000, help="commitments (100000)")
        parser.add_argument("--updates", type=int, default=300_000, help="status updates (300000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
        parser.add_argument(
            "--clear",
            action="store_true",
            help="first delete all departments, articles, commitments and their history (plans, "
            "goals and themes stay)",
        )

    def handle(self, *args, departments, commitments, updates, seed, clear, **options):
        if departments is None:
            departments = departments_for(commitments)
        if min(departments, commitments, updates) < 0:
            raise CommandError("Sizes cannot be negative.")
        try:
            result = generate(
                departments=departments,
                commitments=commitments,
                updates=updates,
                seed=seed,
                clear=clear,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {result.departments} departments, {result.articles} articles, "
                f"{result.commitments} commitments and {result.updates} status updates "
                f"in {result.seconds:.1f} s: {result.rows:,} rows, "
                f"{result.rows / result.seconds:,.0f} rows/s, peak RSS {result.peak_rss_mb:,.0f} MB."
            )
        )
