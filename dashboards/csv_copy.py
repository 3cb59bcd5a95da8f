"""The CSV export on PostgreSQL: one COPY statement writes every line, no Python object per row.

The same cells as exports.csv_lines() (tests compare the two line by line), computed in SQL:
labels in the active language, lists joined, formula-like text made inert, the page's URL.
"""

import csv
import io
import tempfile

from django.db import connection

from commitments.models import Commitment, CommitmentGoal, StatusUpdate, Target
from commitments.status import Review, Signal, Status
from planwatch.database import export_transaction, unbounded_waits

from .exports import FORMULA_START, header

# Bytes kept in memory before the export spills to a temporary file.
SPOOL_BYTES = 4 * 1024 * 1024
# Each text cell a spreadsheet would run as a formula gets an apostrophe (exports.neutralise);
# an empty text becomes NULL, which COPY writes as an empty field, as csv.writer does.
INERT = "CASE WHEN ascii({0}) IN ({codes}) THEN '''' || {0} ELSE NULLIF({0}, '') END"
FORMULA_CODES = ", ".join(str(ord(start)) for start in FORMULA_START)


def inert(column):
    return INERT.format(column, codes=FORMULA_CODES)


def labels(column, choices):
    """A CASE turning codes into their labels in the active language; its parameters."""
    whens = " ".join("WHEN %s THEN %s" for _choice in choices)
    params = [part for value, label in choices for part in (value, str(label))]
    return f"CASE {column} {whens} END", params


def table(model):
    return connection.ops.quote_name(model._meta.db_table)


def copy_statement(commitments, url_head, url_tail):
    """COPY … TO STDOUT of `commitments` (a queryset of with_signal().with_schedule(), in the
    list's order), a CSV line per commitment with the cells of exports.FIELDS."""
    chosen = commitments.values("id", "signal", "expected_progress", "schedule_lag")
    chosen_sql, chosen_params = chosen.query.sql_with_params()
    status_label, status_params = labels("c.status", Status.choices)
    signal_label, signal_params = labels("chosen.signal", Signal.choices)
    themes = Commitment.themes.through
    theme = themes._meta.get_field("theme").related_model
    goal = CommitmentGoal._meta.get_field("goal").related_model
    official = Commitment._meta.get_field("official").related_model
    department = Commitment._meta.get_field("department").related_model
    article = Commitment._meta.get_field("article").related_model
    plan = article._meta.get_field("plan").related_model
    sql = f"""
    COPY (
      WITH chosen AS MATERIALIZED (
        SELECT row_number() OVER () AS position, q.* FROM ({chosen_sql}) q
      ),
      themes AS (
        SELECT l.commitment_id, string_agg(t.name, '、' ORDER BY l.id) AS names
        FROM {table(themes)} l JOIN chosen ON chosen.id = l.commitment_id
        JOIN {table(theme)} t ON t.id = l.theme_id GROUP BY l.commitment_id
      ),
      goals AS (
        SELECT l.commitment_id, string_agg(g.name, '、' ORDER BY l.id) AS names
        FROM {table(CommitmentGoal)} l JOIN chosen ON chosen.id = l.commitment_id
        JOIN {table(goal)} g ON g.id = l.goal_id GROUP BY l.commitment_id
      ),
      targets AS (
        SELECT t.commitment_id, string_agg(t.text, '；' ORDER BY t.id) AS texts
        FROM {table(Target)} t JOIN chosen ON chosen.id = t.commitment_id
        WHERE t.kind <> %s GROUP BY t.commitment_id
      ),
      latest AS (
        SELECT DISTINCT ON (u.commitment_id) u.commitment_id, u.note, u.evidence_url
        FROM {table(StatusUpdate)} u JOIN chosen ON chosen.id = u.commitment_id
        WHERE u.review = %s
        ORDER BY u.commitment_id, u.reported_on DESC, u.created_at DESC, u.id DESC
      ),
      cells AS (
        SELECT chosen.position, c.id, c.title, p.name AS plan, d.name AS department,
          array_to_string(ARRAY(SELECT jsonb_array_elements_text(o.titles)), '、')
            || coalesce(o.name, '') AS official,
          themes.names AS themes, goals.names AS goals, c.status, {status_label} AS status_label,
          c.progress, chosen.expected_progress, chosen.schedule_lag, c.due_date,
          c.last_reported_on, chosen.signal, {signal_label} AS signal_label,
          targets.texts AS targets, c.text AS quote, latest.note AS latest_note,
          latest.evidence_url
        FROM chosen
        JOIN {table(Commitment)} c ON c.id = chosen.id
        JOIN {table(department)} d ON d.id = c.department_id
        JOIN {table(article)} a ON a.id = c.article_id
        LEFT JOIN {table(plan)} p ON p.id = a.plan_id
        LEFT JOIN {table(official)} o ON o.id = c.official_id
        LEFT JOIN themes ON themes.commitment_id = c.id
        LEFT JOIN goals ON goals.commitment_id = c.id
        LEFT JOIN targets ON targets.commitment_id = c.id
        LEFT JOIN latest ON latest.commitment_id = c.id
      )
      SELECT id, {inert('title')}, {inert('plan')}, {inert('department')}, {inert('official')},
        {inert('themes')}, {inert('goals')}, status, status_label, progress, expected_progress,
        schedule_lag, due_date, last_reported_on, signal, signal_label, {inert('targets')},
        {inert('quote')}, {inert('latest_note')}, {inert('evidence_url')},
        %s || id || %s
      FROM cells ORDER BY position
    ) TO STDOUT WITH (FORMAT csv)
    """
    params = [
        *chosen_params,
        Target.Kind.BASELINE,
        Review.PUBLISHED,
        *status_params,
        *signal_params,
        url_head + "/",
        "/" + url_tail,
    ]
    return sql, params


def csv_file(commitments, url_head, url_tail, machine_keys=False):
    """The export as a file to stream: a byte-order mark and the header, then COPY's lines.

    Written whole before the response starts, in memory up to SPOOL_BYTES and on disk beyond,
    in an export transaction (a full export at a million rows takes longer than a page's
    statement may).
    """
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow(header(machine_keys))
    out.write(("\ufeff" + line.getvalue()).encode())
    sql, params = copy_statement(commitments, url_head, url_tail)
    with export_transaction(), connection.cursor() as cursor, unbounded_waits():
        cursor.copy_expert(cursor.mogrify(sql, params), out)
    out.seek(0)
    return out
