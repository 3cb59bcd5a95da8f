"""Read a later document, propose the commitments each passage reports on, store it for review."""

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from commitments.management.commands.import_article import read_article_file
from evidence.importer import analyse, store
from evidence.reading import EvidenceReadError


class Command(BaseCommand):
    help = "Split a document (UTF-8 or GB18030) into passages and suggest commitments for each."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the saved document")
        parser.add_argument("--source-url", default="", help="where the document was published")
        parser.add_argument("--published", default="", help="publication date, YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="match only, write nothing")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="print the passages and their candidates as JSON")

    def handle(self, *args, file, source_url, published, dry_run, as_json, **options):
        raw = read_article_file(Path(file))
        published = published_date(published) if published else None
        if source_url:
            try:
                URLValidator(schemes=["http", "https"])(source_url)
            except ValidationError:
                raise CommandError(f"--source-url {source_url!r} is not an http(s) URL.") from None
        try:
            analysis = analyse(raw, Path(file).name, source_url=source_url,
                               published_at=published)
        except EvidenceReadError as error:
            raise CommandError(f"{file}: {error}") from None
        document = None if dry_run else store(analysis)
        if as_json:
            self.stdout.write(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2))
            return
        summary = (f"{len(analysis.passages)} passages, {analysis.suggestion_count} suggestions")
        if document is None:
            self.stdout.write(f"Dry run: “{analysis.title}”, {summary}; nothing written.")
        else:
            self.stdout.write(self.style.SUCCESS(
                f"Stored #{document.pk} “{document.title}”: {summary} to review."
            ))


def published_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published {value!r} is not a date (YYYY-MM-DD).") from None
