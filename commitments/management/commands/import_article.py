"""Import a news article of department heads' statements into PlanWatch."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commitments.importer import (
    MAX_BYTES,
    ArticleImportError,
    ArticleParseError,
    read_article,
    store_article,
)
from commitments.models import Plan


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
        parser.add_argument(
            "--city", default=None, help="the city the article is about, when it does not say"
        )
        parser.add_argument("--plan", help="slug of the article's plan (default: inferred)")

    def handle(self, *args, file, dry_run, as_json, prune, city=None, plan=None, **options):
        slug, plan = plan, plan and Plan.objects.filter(slug=plan).first()
        if slug and not plan:
            raise CommandError(f"--plan {slug}: no such plan.")
        path = Path(file)
        raw = read_article_file(path)
        try:
            parsed = read_article(raw, filename=path.name, city=city)
            self.print_warnings(file, parsed)
            result = None if dry_run else store_article(parsed, prune=prune, plan=plan)
        except (ArticleParseError, ArticleImportError) as error:
            raise CommandError(f"{file}: {error}") from None
        if as_json:
            self.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2))
        elif dry_run:
            count = sum(len(block.commitments) for block in parsed.departments)
            self.stdout.write(
                _("试运行：%(figures)s；未写入任何数据。")
                % {"figures": figures(len(parsed.departments), count)}
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(outcome)s：“%(title)s”，%(figures)s。") % {
                        "outcome": OUTCOMES[result.outcome],
                        "title": result.article.title,
                        "figures": figures(result.departments, result.commitments),
                    }
                )
            )
            self.stdout.write(result.plan_message)

    def print_warnings(self, file, parsed):
        for warning in parsed.warnings:
            self.stderr.write(self.style.WARNING(f"{file}: {warning}"))


OUTCOMES = {
    "created": gettext_lazy("已导入"), "updated": gettext_lazy("已更新"),
    "unchanged": gettext_lazy("无变化"),
}


def figures(departments, commitments):
    """“11 个部门，54 项承诺” in the UI language, each count with its plural."""
    return _("%(departments)s，%(commitments)s") % {
        "departments": ngettext("%(count)d 个部门", "%(count)d 个部门", departments)
        % {"count": departments},
        "commitments": ngettext("%(count)d 项承诺", "%(count)d 项承诺", commitments)
        % {"count": commitments},
    }


def read_article_file(path):
    if not path.exists():
        raise CommandError(f"{path}: no such file.")
    if not path.is_file():
        raise CommandError(f"{path}: not a regular file.")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror}).") from None
    if len(raw) > MAX_BYTES:
        raise CommandError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MB; not an article.")
    return raw
