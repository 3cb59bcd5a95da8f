"""Every field of the exports, the 台账 workbook read back, and formula cells neutralised."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from dashboards.exports import FIELDS, neutralise
from commitments.models import CommitmentGoal, Goal, Plan, Target
from commitments.status import Status

from .factories import make_article, make_commitment, make_department, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    plan = Plan.objects.get(slug="wuhan-14th")
    article = make_article(
        plan=plan, published_at=timezone.make_aware(datetime.datetime(2021, 1, 1, 9))
    )
    department = make_department(name="市审计局")
    commitment = make_commitment(
        department, article, title="审计全覆盖", due_date=datetime.date(2024, 12, 31)
    )
    # One add() each: add(a, b) links them in the order of a set of their ids, which differs
    # with the ids (under pytest-xdist, say), and the exports list themes in the links' order.
    commitment.themes.add(make_theme(name="审计监督"))
    commitment.themes.add(make_theme(name="数字政府"))
    for slug in ["economy", "finance"]:
        CommitmentGoal.objects.create(
            commitment=commitment, goal=Goal.objects.get(slug=slug), keywords=["产业"]
        )
    Target.objects.create(commitment=commitment, text="到2025年", kind="deadline", year=2025,
                          source_start=0, source_end=3)
    commitment.update_status(status=Status.IN_PROGRESS, progress=20, note="旧的说明",
                             reported_on=datetime.date(2022, 1, 1))
    commitment.update_status(status=Status.STALLED, progress=30, note="完成一半审计",
                             evidence_url="https://example.gov.cn/report",
                             reported_on=datetime.date(2023, 6, 1))
    return commitment


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def json_row(client, commitment):
    data = json.loads(body(client.get("/api/commitments.json", {"department": commitment.department.slug})))
    return next(row for row in data["results"] if row["id"] == commitment.pk)


def expected_fields(commitment):
    on = timezone.localdate()
    expected = min(100, max(0, (on - datetime.date(2021, 1, 1)).days * 100 // 1460))
    expected = 100 if on >= datetime.date(2024, 12, 31) else expected
    return {
        "id": commitment.pk,
        "title": "审计全覆盖",
        "plan": "十四五规划",
        "department": "市审计局",
        "official": f"党组书记、局长{commitment.official.name}",
        "themes": ["审计监督", "数字政府"],
        "goals": ["全国经济中心", "区域金融中心"],
        "status": "stalled",
        "status_label": "滞后",
        "progress": 30,
        "expected_progress": expected,
        "schedule_lag": expected - 30,
        "due_date": "2024-12-31",
        "last_reported_on": "2023-06-01",
        "signal": "red",
        "signal_label": "逾期",
        "targets": ["到2025年"],
        "quote": commitment.text,
        "latest_note": "完成一半审计",
        "evidence_url": "https://example.gov.cn/report",
        "url": f"http://testserver/commitments/{commitment.pk}/",
    }


def test_json_carries_every_field_with_lists_as_arrays(client, commitment):
    assert json_row(client, commitment) == expected_fields(commitment)
    assert list(expected_fields(commitment)) == list(FIELDS)


def test_one_commitment_as_json(client, commitment):
    response = client.get(f"/api/commitments/{commitment.pk}.json")
    assert response.status_code == 200
    assert response.json() == expected_fields(commitment)
    assert client.get("/api/commitments/999999.json").status_code == 404


def csv_of(client, **params):
    text = body(client.get("/commitments/export.csv", params)).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_carries_every_field_under_chinese_headers(client, commitment):
    header, row = csv_of(client)
    assert header == [str(label) for label in FIELDS.values()]
    assert header[:4] == ["编号", "承诺", "规划", "部门"]
    fields = expected_fields(commitment)
    as_text = {**fields, "themes": "审计监督、数字政府", "goals": "全国经济中心、区域金融中心",
               "targets": "到2025年"}
    assert row == [str(as_text[key]) for key in FIELDS]


def test_csv_headers_are_machine_names_with_keys_en(client, commitment):
    header, _row = csv_of(client, keys="en")
    assert header == list(FIELDS)


def test_csv_headers_follow_the_language(client, commitment):
    from django.utils import translation

    response = client.get("/commitments/export.csv", headers={"accept-language": "en"})
    header = body(response).decode().removeprefix("\ufeff").splitlines()[0].split(",")
    with translation.override("en"):
        assert header == [str(label) for label in FIELDS.values()]
    assert header[-1] != "url"


def test_a_link_cannot_break_out_of_its_hyperlink_formula():
    from dashboards.exports import hyperlink

    assert hyperlink('https://x.cn/"),A1,("') == '=HYPERLINK("https://x.cn/""),A1,(""","https://x.cn/""),A1,(""")'
    assert hyperlink("javascript:alert(1)") == "javascript:alert(1)"
    assert hyperlink("=cmd") == "'=cmd"
    assert hyperlink("https://x.cn/" + "a" * 300).startswith("https://")


FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("start", FORMULAS)
def test_neutralise_makes_each_formula_start_inert(start):
    assert neutralise(start) == "'" + start
    assert neutralise("审计" + start) == "审计" + start
    assert neutralise(5) == 5 and neutralise(-5) == -5


@pytest.mark.parametrize("title", FORMULAS)
def test_formula_titles_are_neutralised_in_csv_and_xlsx_but_not_json(client, title):
    make_commitment(make_department(name="市审计局"), title=title)
    _header, row = csv_of(client, keys="en")
    assert row[1] == "'" + title
    sheet = load_workbook(io.BytesIO(body(client.get("/commitments/export.xlsx"))))["市审计局"]
    assert sheet["B2"].value == "'" + title
    assert sheet["B2"].data_type == "s"
    data = json.loads(body(client.get("/api/commitments.json")))
    assert data["results"][0]["title"] == title


def workbook(client, **params):
    response = client.get("/commitments/export.xlsx", params)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "planwatch-commitments.xlsx" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(body(response)))


def test_workbook_has_a_summary_and_a_sheet_per_department(client, commitment):
    other = make_department(name="市水务局", order=commitment.department.order + 1)
    make_commitment(other, commitment.article, title="治水", status=Status.DONE, progress=100)
    book = workbook(client, plan="wuhan-14th")
    assert book.sheetnames == ["汇总", "市审计局", "市水务局"]
    summary = book["汇总"]
    assert [c.value for c in summary[1]] == [
        "部门", "承诺数", "已完成", "部分完成", "未完成", "未兑现", "从未评估", "兑现率（%）",
        "平均进度（%）",
    ]
    assert [c.value for c in summary[2]][:7] == ["市审计局", 1, 0, 0, 1, 0, 0]
    assert [c.value for c in summary[3]][:8] == ["市水务局", 1, 1, 0, 0, 0, 0, 100.0]
    assert [c.value for c in summary[4]][:3] == ["合计", 2, 1]
    assert summary.freeze_panes == "A2" and summary.auto_filter.ref == "A1:I4"
    assert summary["B6"].value == "十四五规划"


def test_workbook_rows_dates_percentages_and_links(client, commitment):
    sheet = workbook(client)["市审计局"]
    header = [c.value for c in sheet[1]]
    assert header == [str(label) for label in FIELDS.values()]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:U2"
    row = {key: cell for key, cell in zip(FIELDS, sheet[2])}
    assert row["id"].value == commitment.pk
    assert row["title"].value == "审计全覆盖"
    assert row["themes"].value == "审计监督、数字政府"
    assert row["due_date"].value == datetime.datetime(2024, 12, 31)
    assert row["due_date"].is_date and row["due_date"].number_format == "yyyy-mm-dd"
    assert row["progress"].value == 0.3 and row["progress"].number_format == "0%"
    assert isinstance(row["schedule_lag"].value, int)
    url = f"http://testserver/commitments/{commitment.pk}/"
    assert row["url"].value == f'=HYPERLINK("{url}","{url}")' and row["url"].data_type == "f"
    report = "https://example.gov.cn/report"
    assert row["evidence_url"].value == f'=HYPERLINK("{report}","{report}")'
    assert row["latest_note"].value == "完成一半审计"


def test_workbook_reads_and_prints_as_a_ledger(client, commitment):
    """Columns wide enough for their text; printed on A4 landscape with gridlines, the
    header row repeated on every page."""
    book = workbook(client)
    sheet, summary = book["市审计局"], book["汇总"]
    widths = {key: sheet.column_dimensions[cell.column_letter].width
              for key, cell in zip(FIELDS, sheet[1])}
    assert widths["quote"] > widths["title"] > widths["status_label"]
    assert summary.column_dimensions["A"].width >= 20
    for printed in (sheet, summary):
        assert printed.page_setup.orientation == "landscape"
        assert str(printed.page_setup.paperSize) == printed.PAPERSIZE_A4
        assert printed.print_title_rows == "$1:$1"
        assert printed.print_options.gridLines
    assert summary.sheet_properties.pageSetUpPr.fitToPage and summary.page_setup.fitToWidth == 1


def test_workbook_takes_the_lists_filters(client, commitment):
    make_commitment(make_department(name="市水务局"), title="治水", status=Status.DONE, progress=100)
    assert workbook(client, status="done").sheetnames == ["汇总", "市水务局"]
    assert client.get("/commitments/export.xlsx", {"status": "finished"}).status_code == 400


def test_empty_workbook_has_only_the_summary(client):
    assert workbook(client).sheetnames == ["汇总"]


def test_list_links_the_workbook_with_its_filters(client, commitment):
    html = client.get("/commitments/", {"status": "stalled"}).content.decode()
    assert 'href="/commitments/export.xlsx?status=stalled"' in html
