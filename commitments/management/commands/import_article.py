"""Import a news article of department heads' statements into PlanWatch."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commitments.importer import ArticleImportError, ArticleParseError, store_article
from commitments.models import Plan
from commitments.parsing import parse_article

# Larger than any article of the genre by two orders of magnitude; refuse before reading it all.
MAX_FILE_BYTES = 5 * 1024 * 1024


class Command(BaseCommand):
    help = "Parse an article (UTF-8 or GB18030) and store its departments, officials and commitments."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the saved article text")
        parser.add_argument("--dry-run", action="store_true", help="parse only, write nothing")
        parser.add_argument(
            "--prune",
            action="store_true",
            help="let an edited version remove commitments it no longer states",
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the parse as JSON"
        )
        parser.add_argument("--plan", help="slug of the article's plan (default: inferred)")

    def handle(self, *args, file, dry_run, as_json, prune, plan=None, **options):
        slug, plan = plan, plan and Plan.objects.filter(slug=plan).first()
        if slug and not plan:
            raise CommandError(f"--plan {slug}: no such plan.")
        raw = read_article_file(Path(file))
        try:
            parsed = parse_article(raw)
            result = None if dry_run else store_article(parsed, prune=prune)
        except (ArticleParseError, ArticleImportError) as error:
            raise CommandError(f"{file}: {error}") from None
        if as_json:
            self.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2))
        elif dry_run:
            count = sum(len(block.commitments) for block in parsed.departments)
            self.stdout.write(
                f"Dry run: {len(parsed.departments)} departments, {count} commitments; "
                "nothing written."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{result.outcome}: “{result.article.title}”, {result.departments} "
                    f"departments, {result.commitments} commitments."
                )
            )
            self.stdout.write(str(Plan.objects.attach(result.article, plan)))


def read_article_file(path):
    if not path.exists():
        raise CommandError(f"{path}: no such file.")
    if not path.is_file():
        raise CommandError(f"{path}: not a regular file.")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror}).") from None
    if len(raw) > MAX_FILE_BYTES:
        raise CommandError(f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; not an article.")
    return raw
