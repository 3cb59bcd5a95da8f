"""Demo data at scale: departments, officials, articles, commitments and status histories, bulk-inserted.

The same seed on the same database state gives the same rows, timestamps included. Parents go in
with bulk_create, the rows below commitments with COPY on PostgreSQL (bulk_create elsewhere).
"""

import csv
import datetime
import functools
import io
import json
import hashlib
import math
import random
import zoneinfo
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.utils import translation

from commitments.models import (
    PLAN_END,
    Article,
    Commitment,
    CommitmentGoal,
    Goal,
    Statement,
    StatusUpdate,
    Target,
    Theme,
)
from commitments.parsing import THEMES
from commitments.status import Status
from departments.models import Department, Official, slug_for_department_name
from pagecache import changes

from . import demo_text

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
FIRST_ARTICLE = datetime.datetime(2021, 1, 5, 7, 0, tzinfo=SHANGHAI)
LAST_ARTICLE = datetime.datetime(2025, 6, 30, 7, 0, tzinfo=SHANGHAI)
LAST_REPORT = datetime.date(2026, 6, 30)
BATCH_SIZE = 2000
# Commitments written per round trip of bulk inserts: bounds memory at any size.
CHUNK = 5000
SHARE_WITH_UPDATES = 0.85
THROUGH = Commitment.themes.through
# The rows written for each commitment, as tuples of these fields after its commitment_id.
CHILD_FIELDS = {
    THROUGH: ["theme_id"],
    CommitmentGoal: ["goal_id", "keywords"],
    Target: ["text", "kind", "value", "unit", "year", "source_start", "source_end"],
    StatusUpdate: ["status", "progress", "note", "evidence_url", "reported_on", "created_at"],
}
WRITTEN = [
    Department, Official, Article, Statement, Commitment, Commitment.themes.through,
    CommitmentGoal, Target, StatusUpdate,
]
# Final status of a commitment with updates, and how likely it is.
FATES = {
    Status.DONE: 30, Status.IN_PROGRESS: 35, Status.PARTIAL: 12, Status.STALLED: 12,
    Status.NOT_STARTED: 8, Status.ABANDONED: 3,
}
NOTES = [
    "{kw}:{status},完成进度{progress}%。", "已召开专题会议部署“{kw}”,目前{status}。",
    "“{kw}”按计划推进,进度{progress}%。", "督办检查:“{kw}”{status}。",
]


@dataclass
class Generated:
    departments: int
    articles: int
    commitments: int
    updates: int


def generate(*, departments, commitments, updates, seed, clear=False):
    """Add generated data to the database (after deleting all of it when clear is set)."""
    rng = random.Random(seed)
    with changes.batch(), explicit_timestamps():
        if clear:
            clear_data()
        vocab = demo_text.Vocabulary(ensure_themes(), goal_keywords())
        speakers = existing_speakers()
        speakers += create_departments(rng, departments)
        if commitments and not speakers:
            raise ValueError("Commitments need at least one department.")
        per_commitment = spread_updates(rng, commitments, updates)
        articles = write_articles(Composer(rng, vocab, speakers, per_commitment))
    analyze()
    return Generated(departments, articles, commitments, updates)


def clear_data():
    """Empty every table of both apps except the goals and themes, and restart their ids."""
    keep = {Goal._meta.db_table, Theme._meta.db_table}
    tables = [
        model._meta.db_table
        for label in ("departments", "commitments")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.db_table not in keep
    ]
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with deferred foreign key checks still pending in this transaction.
        connection.check_constraints()
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=True, allow_cascade=True
    )
    connection.ops.execute_sql_flush(statements)


@contextmanager
def explicit_timestamps():
    """Let bulk inserts keep the timestamps given, so that a seed always gives the same rows."""
    fields = [
        f
        for model in (Article, Commitment, StatusUpdate)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def theme_lexicon():
    """The parser's themes: (slug, name, name_en, keywords)."""
    return [(t.slug, t.name, t.name_en, list(t.keywords)) for t in THEMES]


def ensure_themes():
    """Create the lexicon's themes that are missing; returns (slug, keywords) of every theme."""
    existing = set(Theme.objects.values_list("slug", flat=True))
    Theme.objects.bulk_create(
        Theme(slug=slug, name=name, name_en=name_en, keywords=keywords, order=order)
        for order, (slug, name, name_en, keywords) in enumerate(theme_lexicon(), start=1)
        if slug not in existing
    )
    return list(Theme.objects.order_by("order", "slug").values_list("slug", "keywords"))


def goal_keywords():
    return list(Goal.objects.order_by("order", "slug").values_list("slug", "keywords"))


def create_departments(rng, count):
    """New departments, each with its head; returns (speaker, weight) pairs, city units weighing more."""
    taken = set(Department.objects.values_list("name", flat=True))
    taken_slugs = set(Department.objects.values_list("slug", flat=True))
    first_order = (Department.objects.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    departments = []
    for name, aliases in demo_text.department_names():
        if len(departments) == count:
            break
        slug = slug_for_department_name(name)
        if name in taken or slug in taken_slugs:
            continue
        departments.append(
            Department(name=name, aliases=aliases, slug=slug, order=first_order + len(departments))
        )
    Department.objects.bulk_create(departments, batch_size=BATCH_SIZE)
    officials = [
        Official(department=d, name=demo_text.person_name(rng), titles=demo_text.titles_for(d.name))
        for d in departments
    ]
    Official.objects.bulk_create(officials, batch_size=BATCH_SIZE)
    return [(o, 3 if o.department.name.startswith("市") else 1) for o in officials]


def existing_speakers():
    """Departments already stored, each speaking through its first official."""
    officials = Official.objects.select_related("department").order_by("department__order", "id")
    seen, speakers = set(), []
    for official in officials:
        if official.department_id not in seen:
            seen.add(official.department_id)
            speakers.append((official, 3))
    return speakers


def spread_updates(rng, commitments, updates):
    """How many updates each commitment gets: most get at least one, the rest spread at random."""
    counts = [0] * commitments
    if not commitments:
        return counts
    order = list(range(commitments))
    rng.shuffle(order)
    active = order[: min(updates, max(1, round(commitments * SHARE_WITH_UPDATES)))]
    for index in active:
        counts[index] = 1
    for index in rng.choices(active, k=updates - len(active)):
        counts[index] += 1
    return counts


class Composer:
    """Composes articles as unsaved rows, chunk by chunk, on a thread of its own.

    Only the composer draws from the random generator once it runs, so a seed gives the same rows
    while the previous chunk is being inserted beside it.
    """

    def __init__(self, rng, vocab, speakers, per_commitment):
        self.rng, self.vocab, self.speakers = rng, vocab, speakers
        self.counts = iter(per_commitment)
        self.total, self.written, self.articles = len(per_commitment), 0, 0
        self.first_number = Article.objects.count() + 1
        # Articles are spread evenly over the plan period: about 6.5 commitments per speaker.
        self.expected = max(1, math.ceil(self.total / (min(10, len(speakers) or 1) * 6.5)))
        self.theme_ids = dict(Theme.objects.values_list("slug", "id"))
        self.goal_ids = dict(Goal.objects.values_list("slug", "id"))

    def next_chunk(self):
        """About CHUNK commitments' worth of articles; empty when every commitment is written."""
        chunk, size = [], 0
        while self.written < self.total and size < CHUNK:
            chunk.append(self.next_article())
            size += len(chunk[-1].bundles)
        return chunk

    def next_article(self):
        plan = []
        for official in pick_speakers(self.rng, self.speakers, self.rng.randint(8, 12)):
            count = min(self.rng.randint(3, 10), self.total - self.written)
            if count:
                plan.append((official, count))
                self.written += count
        step = (LAST_ARTICLE - FIRST_ARTICLE) / self.expected
        published_at = FIRST_ARTICLE + step * min(self.articles, self.expected)
        speakers = [
            (demo_text.Speaker(o.department.name, o.titles, o.name), count) for o, count in plan
        ]
        draft = demo_text.compose_article(
            self.rng, self.vocab, self.first_number + self.articles, published_at, speakers
        )
        self.articles += 1
        rows = ArticleRows(article_from(draft), [], [])
        for order, ((official, _), statement) in enumerate(zip(plan, draft.statements)):
            rows.statements.append(Statement(
                department_id=official.department_id, official_id=official.pk,
                headline=statement.headline, order=order,
            ))
            for position, item in enumerate(statement.commitments):
                rows.bundles.append(self.bundle(official, position, item, published_at))
        return rows

    def bundle(self, official, order, item, published_at):
        """A commitment and, by model, the rows that point to it (without their commitment_id)."""
        commitment = commitment_from(official, order, item, published_at)
        history = compose_history(self.rng, commitment, item, next(self.counts))
        apply_latest(commitment, history)
        children = {
            THROUGH: [(self.theme_ids[slug],) for slug in item.themes],
            CommitmentGoal: [
                (self.goal_ids[slug], keywords) for slug, keywords in item.goals.items()
            ],
            Target: [
                (t.text, t.kind, t.value, t.unit, t.year, t.start, t.end) for t in item.targets
            ],
            StatusUpdate: history,
        }
        return commitment, children


@dataclass
class ArticleRows:
    """An article and its statements, and each commitment with the rows that point to it."""

    article: Article
    statements: list
    bundles: list


def pick_speakers(rng, speakers, count):
    """Distinct departments for one article, drawn by weight."""
    weights = [weight for _, weight in speakers]
    chosen = {}
    while len(chosen) < min(count, len(speakers)):
        official, _ = rng.choices(speakers, weights=weights)[0]
        chosen.setdefault(official.pk, official)
    return list(chosen.values())


def write_articles(composer):
    """Insert each chunk while the composer prepares the next: PostgreSQL and Python overlap."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(composer.next_chunk)
        while chunk := pending.result():
            pending = pool.submit(composer.next_chunk)
            store_chunk(chunk)
    return composer.articles


def store_chunk(chunk):
    """Insert composed rows parents first, each child taking its parent's new id."""
    Article.objects.bulk_create([rows.article for rows in chunk], batch_size=BATCH_SIZE)
    for rows in chunk:
        for row in rows.statements:
            row.article_id = rows.article.pk
        for commitment, _ in rows.bundles:
            commitment.article_id = rows.article.pk
    Statement.objects.bulk_create(
        [row for rows in chunk for row in rows.statements], batch_size=BATCH_SIZE
    )
    bundles = [bundle for rows in chunk for bundle in rows.bundles]
    Commitment.objects.bulk_create([commitment for commitment, _ in bundles], batch_size=BATCH_SIZE)
    for model, fields in CHILD_FIELDS.items():
        insert_rows(model, ["commitment_id", *fields], [
            (commitment.pk, *row) for commitment, children in bundles for row in children[model]
        ])


def insert_rows(model, fields, rows):
    """Rows given as tuples of fields: COPY on PostgreSQL, bulk_create elsewhere.

    Most generated rows hang off commitments; building a model instance for each of them costs
    more than composing it, and COPY loads them several times faster than INSERT.
    """
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [model(**dict(zip(fields, row))) for row in rows], batch_size=BATCH_SIZE
        )
        return
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerows(
        [json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in row]
        for row in rows
    )
    buffer.seek(0)
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name) for name in fields]
    # The csv module quotes None as "" too: in nullable columns, "" is NULL.
    nullable = ", ".join(quote(f.column) for f in columns if f.null)
    options = f"FORMAT csv, FORCE_NULL ({nullable})" if nullable else "FORMAT csv"
    names = ", ".join(quote(f.column) for f in columns)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN WITH ({options})", buffer
        )


def article_from(draft):
    return Article(
        title=draft.title,
        source="长江网",
        published_at=draft.published_at,
        editor=draft.editor,
        reporters=draft.reporters,
        correspondents=draft.correspondents,
        text=draft.text,
        content_hash=hashlib.sha256(draft.text.encode("utf-8")).hexdigest(),
        imported_at=draft.published_at,
    )


def commitment_from(official, order, item, published_at):
    deadlines = [t.year for t in item.targets if t.kind == Target.Kind.DEADLINE]
    return Commitment(
        department_id=official.department_id,
        official_id=official.pk,
        order=order,
        title=item.title,
        text=item.text,
        source_start=item.start,
        source_end=item.end,
        search_tokens=item.tokens,
        due_date=datetime.date(deadlines[0], 12, 31) if deadlines else PLAN_END,
        created_at=published_at,
        updated_at=published_at,
    )


def compose_history(rng, commitment, item, count):
    """count updates on distinct days after the article, progress never falling, the last one final.

    Each update is a tuple of CHILD_FIELDS[StatusUpdate].
    """
    if not count:
        return []
    first_day = commitment.created_at.date() + datetime.timedelta(days=1)
    span = max((LAST_REPORT - first_day).days, count)
    days = sorted(rng.sample(range(span), count))
    fate = rng.choices(list(FATES), weights=list(FATES.values()))[0]
    final = final_progress(rng, fate)
    history = []
    for number, day in enumerate(days, start=1):
        last = number == count
        progress = final if last else final * number // (count + 1)
        status = fate if last else (Status.IN_PROGRESS if progress else Status.NOT_STARTED)
        reported_on = first_day + datetime.timedelta(days=day)
        note = rng.choice(NOTES).format(
            kw=item.title, status=chinese_labels()[status], progress=progress
        )
        evidence_url = (
            f"https://www.wuhan.gov.cn/zwgk/xxgk/{reported_on:%Y%m}/t{reported_on:%Y%m%d}_{day}.shtml"
            if rng.random() < 0.3 else ""
        )
        created_at = datetime.datetime.combine(
            reported_on, datetime.time(17, rng.randrange(60), rng.randrange(60)), SHANGHAI
        )
        history.append((str(status), progress, note, evidence_url, reported_on, created_at))
    return history


@functools.cache
def chinese_labels():
    """Notes are written in Chinese whatever the active language; lazy labels are slow by the million."""
    with translation.override("zh-hans"):
        return {status: str(status.label) for status in Status}


def final_progress(rng, fate):
    low, high = {
        Status.DONE: (100, 100), Status.NOT_STARTED: (0, 0), Status.IN_PROGRESS: (10, 90),
        Status.PARTIAL: (40, 95), Status.STALLED: (5, 60), Status.ABANDONED: (0, 30),
    }[fate]
    return rng.randint(low, high)


def apply_latest(commitment, history):
    """The current values are those of the latest update, as Commitment.update_status leaves them."""
    if history:
        status, progress, _, _, reported_on, created_at = history[-1]
        commitment.status, commitment.progress = status, progress
        commitment.last_reported_on, commitment.updated_at = reported_on, created_at


def analyze():
    """Planner statistics and visibility maps, which a bulk load leaves as they were for empty tables.

    VACUUM cannot run in a transaction (a caller's atomic block, a test): ANALYZE alone then.
    """
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in WRITTEN)
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {tables}")
