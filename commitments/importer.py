"""Maps a parsed article onto the models, in one transaction.

One entry for every way in (the command, the admin upload): `read_article` parses and checks the
limits before anything is written; `store_article` writes. A re-import writes an article's source
columns only (text, spans, titles, themes, goals, targets): status, progress and last_reported_on
belong to `Commitment.update_status`, and the rows are locked so that the two queue.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import F, Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from departments.models import Department, Official
from pagecache import changes

from .models import Article, Commitment, CommitmentGoal, Goal, Plan, Statement, Target, Theme
from .parsing import THEMES, ArticleParseError, parse_article

# Larger than any article of the genre by two orders of magnitude; refused before it is read whole.
MAX_BYTES = 5 * 1024 * 1024
MAX_DEPARTMENTS = 60
MAX_COMMITMENTS = 1000
# Lines that are not blank: a published article has a few hundred. Checked before the parse, whose
# cost grows with every line: a 3 MB file of 100,000 short lines took 25 s to parse (626 s to
# store), and 8.7 s even to the parser's early refusal of more than MAX_COMMITMENTS.
MAX_LINES = 20_000


class ArticleImportError(Exception):
    """The parse is valid but cannot be applied to the data already stored."""


class ArticleLimitError(ArticleImportError):
    """The article exceeds a limit of the database or of the genre; checked before any write."""


@dataclass
class ImportResult:
    article: Article
    outcome: str  # "created", "updated" or "unchanged"
    departments: int
    commitments: int
    plan_message: str = ""  # which plan the article belongs to, and why


def read_article(raw, filename=None, city=None):
    """Parse raw bytes (or text) and check every limit; nothing is written.

    Raises ArticleParseError (not an article) or ArticleLimitError (an article too large for the
    database). The command and the admin upload both come through here.
    """
    check_raw_size(raw)
    try:
        parsed = parse_article(
            raw,
            filename=filename,
            city=city or None,
            max_commitments=MAX_COMMITMENTS,
            max_departments=MAX_DEPARTMENTS,
        )
    except ArticleParseError as error:
        too_large = _counted_refusal(error)
        if too_large:
            raise too_large from None
        raise
    check_limits(parsed)
    return parsed


def _counted_refusal(error):
    """The parser's early refusal of too many speakers or commitments, in the UI language.

    It stops before classifying them (so a huge file is refused at once) and says how many it
    found; the refusal is then the same sentence as check_limits'. None for any other error.
    """
    what, count, limit = (getattr(error, name, None) for name in ("what", "count", "limit"))
    if what == "departments":
        return ArticleLimitError(_departments_message(count, limit))
    if what == "commitments":
        return ArticleLimitError(_commitments_message(count, limit))
    return None


def _departments_message(count, limit):
    return _("文章有 %(count)d 个部门发言,超过每篇 %(limit)d 个的上限,未写入任何内容。") % {
        "count": count, "limit": limit
    }


def _commitments_message(count, limit):
    return _("文章有 %(count)d 条承诺,超过每篇 %(limit)d 条的上限,未写入任何内容。") % {
        "count": count, "limit": limit
    }


def check_raw_size(raw):
    if len(raw) > MAX_BYTES:
        raise ArticleLimitError(
            _("文件大于 %(limit)d MB,不是一篇文章,未写入任何内容。")
            % {"limit": MAX_BYTES // (1024 * 1024)}
        )
    if isinstance(raw, bytes):
        newline, markup, leading = b"\n", b"<", b"\xef\xbb\xbf \t\r\n"
    else:
        newline, markup, leading = "\n", "<", "\ufeff \t\r\n"
    lines = sum(1 for line in raw.split(newline) if line.strip())
    # A saved web page spends most of its lines on markup; its reader keeps the article's.
    limit = MAX_LINES * 5 if raw[:1024].lstrip(leading).startswith(markup) else MAX_LINES
    if lines > limit:
        raise ArticleLimitError(
            _("文件有 %(count)d 行文字,超过一篇文章的上限 %(limit)d 行,未写入任何内容。")
            % {"count": lines, "limit": limit}
        )


def check_limits(parsed):
    """Refuse, in one sentence, an article that the database columns or the genre cannot hold."""
    departments = parsed.departments
    if len(departments) > MAX_DEPARTMENTS:
        raise ArticleLimitError(_departments_message(len(departments), MAX_DEPARTMENTS))
    count = sum(len(block.commitments) for block in departments)
    if count > MAX_COMMITMENTS:
        raise ArticleLimitError(_commitments_message(count, MAX_COMMITMENTS))
    for field, value in _columns_of(parsed):
        _check_column(field, value)


def _columns_of(parsed):
    """Each (model field, value) pair the import would write."""
    field = _field
    yield field(Article, "title"), parsed.title
    yield field(Article, "source"), parsed.source
    yield field(Article, "editor"), parsed.editor
    for name, value in _article_extras(parsed).items():
        yield field(Article, name), value
    for block in parsed.departments:
        yield field(Department, "name"), block.name
        for speaker in [block.official, *block.officials]:
            yield field(Official, "name"), speaker.name
        yield field(Statement, "headline"), block.headline
        for item in block.commitments:
            yield field(Commitment, "title"), item.title
            yield field(Commitment, "source_start"), item.start
            yield field(Commitment, "source_end"), item.end
            for target in item.targets:
                yield field(Target, "text"), target.text
                yield field(Target, "kind"), target.kind
                yield field(Target, "value"), target.value
                yield field(Target, "unit"), target.unit or ""
                yield field(Target, "year"), target.year
                yield field(Target, "source_start"), target.start
                yield field(Target, "source_end"), target.end


def _field(model, name):
    return model._meta.get_field(name)


def _label(field):
    return f"{field.model._meta.verbose_name}{field.verbose_name}"


def _excerpt(value):
    value = str(value)
    return value if len(value) <= 20 else value[:20] + "…"


def _check_column(field, value):
    if value is None:
        return
    if field.choices and value not in {choice for choice, _name in field.flatchoices}:
        raise ArticleLimitError(
            _("%(what)s“%(value)s”不是可存储的取值,未写入任何内容。")
            % {"what": _label(field), "value": _excerpt(value)}
        )
    if isinstance(field, models.CharField) and field.max_length and len(value) > field.max_length:
        raise ArticleLimitError(
            _("%(what)s“%(value)s”长 %(length)d 个字符,超过该栏 %(limit)d 个字符的上限,未写入任何内容。")
            % {"what": _label(field), "value": _excerpt(value), "length": len(value),
               "limit": field.max_length}
        )
    low, high = _number_range(field)
    if low is not None and not low <= value <= high:
        raise ArticleLimitError(
            _("%(what)s %(value)s 超出该栏可存储的范围(%(low)s 至 %(high)s),未写入任何内容。")
            % {"what": _label(field), "value": value, "low": low, "high": high}
        )


def _number_range(field):
    """The smallest and largest value the column stores, or (None, None) for a non-number."""
    if isinstance(field, models.DecimalField):
        largest = Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(1) / Decimal(
            10**field.decimal_places
        )
        return -largest, largest
    if isinstance(field, models.IntegerField):
        # The standard SQL ranges: SQLite would store more, PostgreSQL's columns hold these.
        return BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
    if isinstance(field, models.FloatField):
        return -1e308, 1e308
    return None, None


def _article_extras(parsed):
    """The article's original address and city, as stored."""
    url = (parsed.url or "").strip()
    # Only a web address is kept: pages may link it (never javascript: or data: ones).
    return {
        "url": url if url.lower().startswith(("http://", "https://")) else "",
        "city": parsed.city or "",
    }


def store_article(parsed, prune=False, plan=None):
    """Store a parsed article; an identical one already stored is left as it is.

    An edited version that lacks commitments of the stored one is refused unless `prune`:
    a truncated copy looks exactly like an edit that removed them. The article joins `plan`, or
    the plan it speaks of (Plan.objects.attach), in the same transaction.
    """
    check_limits(parsed)
    content_hash = hashlib.sha256(parsed.text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        unchanged = Article.objects.filter(content_hash=content_hash).first()
        if unchanged:
            return _result(unchanged, "unchanged", Plan.objects.attach(unchanged, plan))
        with changes.batch():
            article, created = _store_article(parsed, content_hash)
            themes = sync_themes()
            goals = {goal.slug: goal for goal in Goal.objects.all()}
            for order, block in enumerate(parsed.departments):
                _store_statement(article, block, order, themes, goals, prune)
            names = [block.name for block in parsed.departments]
            _drop_vanished_statements(article, names, prune)
            plan_message = Plan.objects.attach(article, plan)
    return _result(article, "created" if created else "updated", plan_message)


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
            **_article_extras(parsed),
        },
    )


def _result(article, outcome, plan_message):
    return ImportResult(
        article=article,
        outcome=outcome,
        departments=article.statements.count(),
        commitments=article.commitments.count(),
        plan_message=str(plan_message),
    )


def sync_themes():
    """Make the Theme table hold the parser's lexicon; returns themes by slug. Read in one query:
    only a theme missing or changed is written."""
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for order, theme in enumerate(THEMES, start=1):
        values = {
            "name": theme.name,
            "name_en": theme.name_en,
            "keywords": list(theme.keywords),
            "order": order,
        }
        stored = themes.get(theme.slug)
        if stored is None:
            themes[theme.slug] = Theme.objects.create(slug=theme.slug, **values)
        else:
            _save_changes(stored, values)
    return themes


def _store_statement(article, block, order, themes, goals, prune):
    """The unit's statement, led by its first speaker; every speaker of the unit (a 区委书记 and a
    区长, say) is an Official of the department, and each commitment keeps the one who said it."""
    department = _department_for(block)
    officials = {
        speaker.name: _stored(
            Official, {"titles": speaker.titles}, department=department, name=speaker.name
        )
        for speaker in [block.official, *block.officials]
    }
    lead = officials[block.official.name]
    _stored(
        Statement,
        {"official_id": lead.pk, "headline": block.headline, "order": order},
        article=article,
        department=department,
    )

    def speaker_of(item):
        return officials.get(getattr(item, "official", ""), lead)

    _sync_commitments(article, department, speaker_of, block.commitments, themes, goals, prune)


def _stored(model, values, **lookup):
    """The row `lookup` finds, created with `values` or brought up to them; only what differs
    is written, so a re-import leaves the rows it does not change alone."""
    row, created = model.objects.get_or_create(**lookup, defaults=values)
    if not created:
        _save_changes(row, values)
    return row


def _save_changes(row, values):
    """Set and save the fields of `values` that differ from the row's; no write when none does."""
    changed = _differing(row, values)
    if changed:
        _set(row, values)
        row.save(update_fields=changed)


def _differing(row, values):
    """The names of `values` whose value the row does not hold."""
    return [name for name, value in values.items() if getattr(row, name) != value]


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


def _sync_commitments(article, department, speaker_of, parsed_items, themes, goals, prune):
    """Update commitments in place, matched by title, then by position; history is kept.

    The stored rows are locked first (as update_status locks them), so each is read with its
    current status and progress, which its history row then records; only source columns are
    written, and only where the parse differs. The new commitments and their history rows, the
    theme links, the goal links and the targets are each written in one statement for the
    department, not one per commitment.
    """
    stored = article.commitments.filter(department=department)
    existing = list(stored.select_for_update().order_by("order"))
    matches = _match(existing, parsed_items)
    # Positions are unique per article and department: the rows that leave theirs (or vanish)
    # move out of the way first.
    staying = {c.pk for order, c in matches.items() if c.order == order}
    leaving = [c.pk for c in existing if c.pk not in staying]
    if leaving:
        Commitment.objects.filter(pk__in=leaving).update(order=F("order") + 100_000)
    matched = list(matches.values())
    CommitmentGoal.objects.filter(commitment__in=matched).delete()
    Target.objects.filter(commitment__in=matched).delete()
    new = []
    for order, item in enumerate(parsed_items):
        official = speaker_of(item)
        if order in matches:
            _update_source(matches[order], _source(official, order, item))
        else:
            commitment = Commitment(article=article, department=department)
            _set(commitment, _source(official, order, item))
            new.append(commitment)
    created = iter(bulk_create_with_history(new, Commitment))
    written = [
        (matches[order] if order in matches else next(created), item)
        for order, item in enumerate(parsed_items)
    ]
    _link_themes(written, themes, matched)
    CommitmentGoal.objects.bulk_create(
        link for commitment, item in written for link in _goal_links(commitment, item, goals)
    )
    Target.objects.bulk_create(
        target for commitment, item in written for target in _targets(commitment, item)
    )
    kept = {c.pk for c in matched}
    _drop_vanished_commitments([c for c in existing if c.pk not in kept], prune)


def _link_themes(written, themes, matched):
    """Each commitment's theme links become the parse's: those that go are deleted and those
    that come are added, each in one statement; a link kept is not touched."""
    link = Commitment.themes.through
    wanted = {(c.pk, themes[slug].pk) for c, item in written for slug in item.themes}
    stored = link.objects.filter(commitment__in=matched) if matched else link.objects.none()
    current = {
        (commitment, theme): pk
        for pk, commitment, theme in stored.values_list("pk", "commitment_id", "theme_id")
    }
    gone = [pk for pair, pk in current.items() if pair not in wanted]
    if gone:
        link.objects.filter(pk__in=gone).delete()
    link.objects.bulk_create(
        link(commitment_id=commitment, theme_id=theme)
        for commitment, theme in sorted(wanted - current.keys())
    )


def _source(official, order, item):
    """What a re-import may write on a stored commitment: never status, progress or
    last_reported_on, which belong to update_status."""
    return {
        "official_id": official.pk,
        "order": order,
        "title": item.title,
        "text": item.text,
        "source_start": item.start,
        "source_end": item.end,
        "search_tokens": item.search_tokens,
    }


def _set(commitment, values):
    for name, value in values.items():
        setattr(commitment, name, value)


def _update_source(commitment, values):
    """Write the source columns that differ from the stored ones, with a history row; nothing
    when none does. A change other than the position makes an admin form loaded before stale."""
    changed = _differing(commitment, values)
    if not changed:
        return
    _set(commitment, values)
    if changed != ["order"]:
        commitment.version += 1
        changed.append("version")
    commitment.save(update_fields=[*changed, "updated_at"])


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


def _goal_links(commitment, item, goals):
    return [
        CommitmentGoal(commitment=commitment, goal=goals[match.slug], keywords=match.keywords)
        for match in item.goals
    ]


def _targets(commitment, item):
    return [
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
    ]


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


__all__ = [
    "MAX_BYTES",
    "ArticleImportError",
    "ArticleLimitError",
    "ArticleParseError",
    "ImportResult",
    "check_limits",
    "read_article",
    "store_article",
]
