"""On PostgreSQL the CSV export is one COPY statement: the same lines as the row-by-row export."""

import csv
import datetime
import io

import psycopg2.extensions
import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from commitments.models import Commitment, CommitmentGoal, Goal, Plan, Target
from commitments.status import Status
from dashboards import csv_copy, exports
from planwatch.database import bound_waits, export_transaction

from .factories import make_article, make_commitment, make_department, make_official, make_theme

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's"),
    pytest.mark.django_db,
]


@pytest.fixture
def awkward_rows(cast):
    """Commitments whose cells test every rule: formula-like text, empty and missing values,
    several themes and goals in order, a baseline left out, an update still under review."""
    plan = Plan.objects.get(slug="wuhan-14th")
    article = make_article(
        plan=plan, published_at=timezone.make_aware(datetime.datetime(2021, 1, 1, 9))
    )
    department = make_department(name="=市审计局")
    first = make_commitment(
        department, article, title="=SUM(A1)", due_date=datetime.date(2024, 1, 1)
    )
    for name in ["审计监督", "-数字政府", "营商环境"]:
        first.themes.add(make_theme(name=name))
    for slug in ["finance", "economy"]:
        CommitmentGoal.objects.create(commitment=first, goal=Goal.objects.get(slug=slug))
    Target.objects.create(commitment=first, text="+到2025年", kind="deadline", year=2025,
                          source_start=0, source_end=3)
    Target.objects.create(commitment=first, text="新建公园100个", kind="quantity",
                          source_start=0, source_end=3)
    Target.objects.create(commitment=first, text="去年完成80个", kind="baseline",
                          source_start=0, source_end=3)
    first.update_status(
        status=Status.IN_PROGRESS, progress=20, note="@已启动,\"逗号\"与换行\n第二行",
        evidence_url="https://example.gov.cn/a?b=1,2", reported_on=datetime.date(2022, 1, 1),
    )
    first.update_status(status=Status.DONE, progress=100, note="编辑的说明,待审核",
                        author=cast.editor_a, reported_on=datetime.date(2022, 6, 1))
    nobody = make_official(make_department(name="市无职务局"), titles=[], name="")
    make_commitment(nobody.department, make_article(), official=nobody, title="\t制表开头")
    return Commitment.objects.with_signal().with_schedule()


def rows_of(text):
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def row_by_row(request, commitments, machine_keys=False):
    return "".join(exports.csv_lines(exports.rows(request, commitments), machine_keys))


@pytest.mark.parametrize("query", ["", "?keys=en", "?status=in_progress"])
def test_copy_writes_the_same_cells_in_the_same_order(client, awkward_rows, query):
    response = client.get(f"/commitments/export.csv{query}")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeff")
    commitments = awkward_rows
    if query == "?status=in_progress":
        commitments = commitments.filter(status=Status.IN_PROGRESS)
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    expected = rows_of(row_by_row(request, commitments, machine_keys="keys" in query))
    assert rows_of(body) == expected
    assert len(expected) == commitments.count() + 1


def test_formula_like_text_is_inert_and_review_waits(client, awkward_rows):
    body = b"".join(client.get("/commitments/export.csv?keys=en").streaming_content).decode()
    rows = [dict(zip(rows_of(body)[0], row)) for row in rows_of(body)[1:]]
    first = next(row for row in rows if row["title"] == "'=SUM(A1)")
    assert first["department"] == "'=市审计局"
    assert first["themes"] == "审计监督、-数字政府、营商环境"
    assert first["targets"] == "'+到2025年；新建公园100个"
    # The editor's update waits for review: the public note is the published one.
    assert first["latest_note"] == "'@已启动,\"逗号\"与换行\n第二行"
    assert first["status"] == Status.IN_PROGRESS
    second = next(row for row in rows if row["title"] == "'\t制表开头")
    assert second["official"] == "" and second["plan"] == "" and second["latest_note"] == ""


@pytest.mark.django_db(transaction=True)
def test_copy_runs_in_a_worker_whose_waits_are_bounded(client, awkward_rows):
    """psycopg2 refuses COPY through a wait callback: the export lifts it for the statement."""
    bound_waits(5)
    callback = psycopg2.extensions.get_wait_callback()
    connection.close()  # the next connection waits through the callback, as a worker's does
    try:
        response = client.get("/commitments/export.csv")
        assert response.status_code == 200
        lines = rows_of(b"".join(response.streaming_content).decode())
        assert len(lines) == 1 + awkward_rows.count()
        assert psycopg2.extensions.get_wait_callback() is callback
        assert client.get("/commitments/export.xlsx").status_code == 200
    finally:
        psycopg2.extensions.set_wait_callback(None)
        connection.close()


def test_an_export_may_run_longer_than_a_page(settings):
    settings.DATABASE_EXPORT_TIMEOUT = 12
    bound_waits(5)
    page_bound = psycopg2.extensions.get_wait_callback()
    try:
        with export_transaction(), connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "12s"
            assert psycopg2.extensions.get_wait_callback() not in (None, page_bound)
        assert psycopg2.extensions.get_wait_callback() is page_bound
    finally:
        psycopg2.extensions.set_wait_callback(None)


def test_an_export_over_its_time_limit_says_so_with_a_503(client, settings, monkeypatch):
    settings.DATABASE_EXPORT_TIMEOUT = 0.2

    def sleeping_copy(*args):
        return "COPY (SELECT pg_sleep(2)) TO STDOUT", []

    def sleeping_workbook(*args):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")

    monkeypatch.setattr(csv_copy, "copy_statement", sleeping_copy)
    monkeypatch.setattr(exports, "xlsx_file", sleeping_workbook)
    for path in ["/commitments/export.csv", "/commitments/export.xlsx"]:
        response = client.get(path)
        assert response.status_code == 503
        assert "请按规划或部门筛选后再导出" in response.content.decode()
