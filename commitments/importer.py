"""Maps a parsed article onto the models, in one transaction."""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max

from departments.models import Department, Official
from pagecache.models import bump_once

from .models import Article, Commitment, CommitmentGoal, Goal, Statement, Target, Theme
from .parsing import THEMES, ArticleParseError, parse_article


class ArticleImportError(Exception):
    """The parse is valid but cannot be applied to the data already stored."""


@dataclass
class ImportResult:
    article: Article
    outcome: str  # "created", "updated" or "unchanged"
    departments: int
    commitments: int


def import_article(raw, prune=False):
    """Parse raw bytes (or text) and store them; raises ArticleParseError or ArticleImportError."""
    return store_article(parse_article(raw), prune=prune)


def store_article(parsed, prune=False):
    """Store a parsed article; an identical one already stored is left as it is.

    An edited version that lacks commitments of the stored one is refused unless `prune`:
    a truncated copy looks exactly like an edit that removed them.
    """
    content_hash = hashlib.sha256(parsed.text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        unchanged = Article.objects.filter(content_hash=content_hash).first()
        if unchanged:
            return _result(unchanged, "unchanged")
        with bump_once():
            article, created = _store_article(parsed, content_hash)
            themes = sync_themes()
            goals = {goal.slug: goal for goal in Goal.objects.all()}
            for order, block in enumerate(parsed.departments):
                _store_statement(article, block, order, themes, goals, prune)
            names = [block.name for block in parsed.departments]
            _drop_vanished_statements(article, names, prune)
    return _result(article, "created" if created else "updated")


def _store_article(parsed, content_hash):
    return Article.objects.update_or_create(
        source=parsed.source,
        title=parsed.title,
        published_at=parsed.published_at,
        defaults={
            "editor": parsed.editor,
            "reporters": parsed.reporters,
            "correspondents": parsed.correspondents,
            "text": parsed.text,
            "content_hash": content_hash,
        },
    )


def _result(article, outcome):
    return ImportResult(
        article=article,
        outcome=outcome,
        departments=article.statements.count(),
        commitments=article.commitments.count(),
    )


def sync_themes():
    """Make the Theme table hold the parser's lexicon; returns themes by slug."""
    themes = {}
    for order, theme in enumerate(THEMES, start=1):
        themes[theme.slug], _ = Theme.objects.update_or_create(
            slug=theme.slug,
            defaults={
                "name": theme.name,
                "name_en": theme.name_en,
                "keywords": list(theme.keywords),
                "order": order,
            },
        )
    return themes


def _store_statement(article, block, order, themes, goals, prune):
    department = _department_for(block)
    official, _ = Official.objects.update_or_create(
        department=department, name=block.official.name, defaults={"titles": block.official.titles}
    )
    Statement.objects.update_or_create(
        article=article,
        department=department,
        defaults={"official": official, "headline": block.headline, "order": order},
    )
    _sync_commitments(article, department, official, block.commitments, themes, goals, prune)


def _department_for(block):
    department = Department.objects.filter(name=block.name).first()
    if department is None:
        next_order = (Department.objects.aggregate(last=Max("order"))["last"] or 0) + 1
        return Department.objects.create(name=block.name, aliases=block.aliases, order=next_order)
    merged = department.aliases + [a for a in block.aliases if a not in department.aliases]
    if merged != department.aliases:
        department.aliases = merged
        department.save(update_fields=["aliases"])
    return department


def _sync_commitments(article, department, official, parsed_items, themes, goals, prune):
    """Update commitments in place, matched by title, then by position; history is kept."""
    existing = list(article.commitments.filter(department=department).order_by("order"))
    matches = _match(existing, parsed_items)
    # Positions are unique per article and department: move the old ones out of the way first.
    article.commitments.filter(department=department).update(order=F("order") + 100_000)
    for order, item in enumerate(parsed_items):
        commitment = matches.get(order) or Commitment(article=article, department=department)
        commitment.official = official
        commitment.order = order
        commitment.title = item.title
        commitment.text = item.text
        commitment.source_start, commitment.source_end = item.start, item.end
        commitment.search_tokens = item.search_tokens
        commitment.save()
        _store_classification(commitment, item, themes, goals)
    kept = {c.pk for c in matches.values()}
    _drop_vanished_commitments([c for c in existing if c.pk not in kept], prune)


def _match(existing, parsed_items):
    """Pair parsed items (by index) with stored commitments: same title first, then same position."""
    unmatched = {c.pk: c for c in existing}
    matches = {}
    for index, item in enumerate(parsed_items):
        same_title = next((c for c in unmatched.values() if c.title == item.title), None)
        if same_title:
            matches[index] = unmatched.pop(same_title.pk)
    for index in range(len(parsed_items)):
        if index in matches:
            continue
        same_position = next((c for c in unmatched.values() if c.order == index), None)
        if same_position:
            matches[index] = unmatched.pop(same_position.pk)
    return matches


def _store_classification(commitment, item, themes, goals):
    commitment.themes.set([themes[slug] for slug in item.themes])
    commitment.goal_links.all().delete()
    CommitmentGoal.objects.bulk_create(
        CommitmentGoal(commitment=commitment, goal=goals[match.slug], keywords=match.keywords)
        for match in item.goals
    )
    commitment.targets.all().delete()
    Target.objects.bulk_create(
        Target(
            commitment=commitment,
            text=target.text,
            kind=target.kind,
            value=target.value,
            unit=target.unit or "",
            year=target.year,
            source_start=target.start,
            source_end=target.end,
        )
        for target in item.targets
    )


def _drop_vanished_commitments(vanished, prune):
    with_history = [c for c in vanished if c.updates.exists()]
    if with_history:
        raise ArticleImportError(
            f"Commitment “{with_history[0].title}” has progress history but is missing from "
            "this version of the article; nothing was imported."
        )
    if vanished and not prune:
        raise ArticleImportError(
            f"This version of the article lacks {len(vanished)} stored commitment(s), "
            f"first “{vanished[0].title}”; it may be truncated. Nothing was imported; "
            "use --prune if they were really removed."
        )
    for commitment in vanished:
        commitment.delete()


def _drop_vanished_statements(article, department_names, prune):
    vanished = article.statements.exclude(department__name__in=department_names)
    for statement in vanished.select_related("department"):
        _drop_vanished_commitments(
            list(article.commitments.filter(department=statement.department)), prune
        )
        statement.delete()


__all__ = ["ArticleImportError", "ArticleParseError", "ImportResult", "import_article", "store_article"]
