"""Demo data at scale: departments, officials, articles, commitments and status histories, bulk-inserted.

The same seed on the same database state gives the same rows, timestamps included. Departments and
officials go in with bulk_create; on PostgreSQL everything below them with COPY (bulk_create
elsewhere), into tables whose secondary indexes and foreign keys are built at the end when --clear
emptied them. A million commitments stay within ~200 MB: they are composed and written in chunks.
"""

import csv
import datetime
import functools
import hashlib
import io
import json
import math
import operator
import random
import resource
import time
import zoneinfo
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models
from django.utils import translation

from commitments.models import (
    PLAN_END,
    Article,
    Commitment,
    CommitmentGoal,
    Goal,
    Plan,
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
# The tables COPY fills on PostgreSQL.
COPIED = WRITTEN[2:]
# Final status of a commitment with updates, and how likely it is.
FATES = {
    Status.DONE: 30, Status.IN_PROGRESS: 35, Status.PARTIAL: 12, Status.STALLED: 12,
    Status.NOT_STARTED: 8, Status.ABANDONED: 3,
}
NOTES = [
    "{kw}:{status},完成进度{progress}%。", "已召开专题会议部署“{kw}”,目前{status}。",
    "“{kw}”按计划推进,进度{progress}%。", "督办检查:“{kw}”{status}。",
]


# The benchmark's reference size: 200 departments for 100,000 commitments.
REFERENCE_DEPARTMENTS, REFERENCE_COMMITMENTS = 200, 100_000


@dataclass
class Generated:
    departments: int
    articles: int
    commitments: int
    updates: int
    rows: int  # every row inserted, links and history included
    seconds: float
    peak_rss_mb: float  # this process's high-water mark


def departments_for(commitments):
    """Departments for a site of this many commitments: 200 at 100,000, 632 at 1,000,000.

    A province-sized site has both more units (prefecture and county bureaus) and more
    commitments per unit (more articles, more years) than a city's: the square root lets both
    grow alike, so that the departments list and each department page grow with the data.
    """
    return max(1, round(REFERENCE_DEPARTMENTS * math.sqrt(commitments / REFERENCE_COMMITMENTS)))


def generate(*, departments, commitments, updates, seed, clear=False):
    """Add generated data to the database (after deleting all of it when clear is set)."""
    started = time.perf_counter()
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
        composer = Composer(rng, vocab, speakers, per_commitment, generated_plan())
        with indexed_at_the_end(COPIED if clear else []):
            rows = write_articles(composer)
        # COPY sends no signal: the seam hears of the generated rows once, through a queryset.
        changes.report(Commitment, Commitment.objects.all())
    analyze()
    return Generated(
        departments, composer.articles, commitments, updates,
        rows=rows + 2 * departments,
        seconds=time.perf_counter() - started,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def generated_plan():
    """The plan whose period holds every generated article (Wuhan's 十四五), or None."""
    return (
        Plan.objects.filter(start_date__lte=FIRST_ARTICLE.date(), end_date__gte=LAST_ARTICLE.date())
        .order_by("start_date")
        .first()
    )


def clear_data():
    """Empty every table of both apps except the plans, goals and themes, and restart their ids."""
    keep = {model._meta.db_table for model in (Plan, Plan.goals.through, Goal, Theme)}
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
def indexed_at_the_end(written):
    """On PostgreSQL, drop the secondary indexes and foreign keys of `written` (emptied tables) and
    create them again at the end, as PostgreSQL's "Populating a Database" advises: one index
    build and one join per constraint instead of a lookup and an index insert per row.

    Unique indexes and constraints stay, checked as rows arrive. Elsewhere this does nothing.
    """
    if connection.vendor != "postgresql" or not written:
        yield
        return
    tables = [model._meta.db_table for model in written]
    # Dropping or adding a foreign key alters both tables, which checks deferred in this
    # transaction (the departments just inserted) must not be waiting on.
    connection.check_constraints()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'ALTER TABLE ' || conrelid::regclass || ' DROP CONSTRAINT ' || quote_ident(conname),"
            " 'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(conname)"
            " || ' ' || pg_get_constraintdef(oid)"
            " FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)"
            " UNION ALL"
            " SELECT 'DROP INDEX ' || quote_ident(schemaname) || '.' || quote_ident(indexname), indexdef"
            " FROM pg_indexes WHERE tablename = ANY(%s) AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
            " AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [tables, tables],
        )
        statements = cursor.fetchall()
        for drop, _ in statements:
            cursor.execute(drop)
    yield
    connection.check_constraints()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, create in statements:
            cursor.execute(create)


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

    def __init__(self, rng, vocab, speakers, per_commitment, plan=None):
        self.rng, self.vocab, self.speakers, self.plan = rng, vocab, speakers, plan
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
        rows = ArticleRows(article_from(draft, self.plan), [], [])
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
    """Insert each chunk while the composer prepares the next: PostgreSQL and Python overlap.

    Returns the number of rows inserted.
    """
    rows = 0
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(composer.next_chunk)
        while chunk := pending.result():
            pending = pool.submit(composer.next_chunk)
            rows += store_chunk(chunk)
    return rows


def store_chunk(chunk):
    """Insert composed rows parents first, each child taking its parent's new id; returns how
    many rows went in."""
    insert_objects(Article, [rows.article for rows in chunk])
    for rows in chunk:
        for row in rows.statements:
            row.article_id = rows.article.pk
        for commitment, _ in rows.bundles:
            commitment.article_id = rows.article.pk
    insert_objects(Statement, [row for rows in chunk for row in rows.statements])
    bundles = [bundle for rows in chunk for bundle in rows.bundles]
    insert_objects(Commitment, [commitment for commitment, _ in bundles])
    rows = len(chunk) + sum(len(r.statements) for r in chunk) + len(bundles)
    for model, fields in CHILD_FIELDS.items():
        children = [
            (commitment.pk, *row) for commitment, children in bundles for row in children[model]
        ]
        insert_rows(model, ["commitment_id", *fields], children)
        rows += len(children)
    return rows


def insert_objects(model, objects):
    """Insert unsaved instances and set their ids: bulk_create, or COPY on PostgreSQL.

    COPY takes the ids from the table's sequence first. Values go in as the instances hold them,
    without Django's per-value preparation: the time of inserting a million commitments.
    """
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        return
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, len(objects)],
        )
        for instance, (pk_value,) in zip(objects, cursor.fetchall()):
            instance.pk = pk_value
    fields = [f.attname for f in model._meta.concrete_fields]
    insert_rows(model, fields, map(operator.attrgetter(*fields), objects))


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
    columns = [model._meta.get_field(name) for name in fields]
    as_json = [i for i, column in enumerate(columns) if isinstance(column, models.JSONField)]
    if as_json:
        rows = (json_encoded(row, as_json) for row in rows)
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerows(rows)
    buffer.seek(0)
    quote = connection.ops.quote_name
    # The csv module quotes None as "" too: in nullable columns, "" is NULL.
    nullable = ", ".join(quote(f.column) for f in columns if f.null)
    options = f"FORMAT csv, FORCE_NULL ({nullable})" if nullable else "FORMAT csv"
    names = ", ".join(quote(f.column) for f in columns)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN WITH ({options})", buffer
        )


def json_encoded(row, positions):
    row = list(row)
    for i in positions:
        row[i] = json.dumps(row[i], ensure_ascii=False)
    return row


def article_from(draft, plan=None):
    return Article(
        title=draft.title,
        plan=plan,
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
