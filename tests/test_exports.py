"""The CSV and JSON exports hold exactly the rows of the list page, under the same filters."""

import csv
import io
import json
import re

import pytest

from commitments.models import Commitment

from .dashboard_data import make_dashboard

pytestmark = pytest.mark.django_db

FILTERS = [
    {},
    {"theme": "gen-digital"},
    {"status": "done"},
    {"goal": "economy", "has_target": "yes"},
    {"q": "乡村振兴", "sort": "-progress"},
]


@pytest.fixture
def dashboard():
    return make_dashboard(departments=4, per_department=6)


def page_ids(client, params):
    html = client.get("/commitments/", params).content.decode()
    return [int(pk) for pk in re.findall(r'<h3><a href="/commitments/(\d+)/">', html)]


def csv_rows(client, params):
    response = client.get("/commitments/export.csv", {**params, "keys": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def json_rows(client, params):
    response = client.get("/api/commitments.json", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(b"".join(response.streaming_content))
    assert data["count"] == len(data["results"])
    return data["results"]


@pytest.mark.parametrize("params", FILTERS)
def test_csv_holds_the_rows_of_the_page_in_its_order(client, dashboard, params):
    assert [int(row["id"]) for row in csv_rows(client, params)] == page_ids(client, params)


@pytest.mark.parametrize("params", FILTERS)
def test_json_holds_the_rows_of_the_page_in_its_order(client, dashboard, params):
    assert [row["id"] for row in json_rows(client, params)] == page_ids(client, params)


def test_export_rows_carry_the_commitment(client, dashboard):
    commitment = Commitment.objects.filter(targets__isnull=False, status="done").first()
    params = {"department": commitment.department.slug, "status": "done"}
    row = next(r for r in json_rows(client, params) if r["id"] == commitment.pk)
    as_csv = next(r for r in csv_rows(client, params) if int(r["id"]) == commitment.pk)
    assert set(as_csv) == set(row)
    assert row["title"] == as_csv["title"] == commitment.title
    assert row["department"] == commitment.department.name
    assert row["status"] == "done" and row["status_label"] == "已完成"
    assert row["progress"] == 100 and as_csv["progress"] == "100"
    assert row["themes"] == [commitment.themes.get().name] == [as_csv["themes"]]
    assert row["goals"] == [commitment.goals.get().name] == [as_csv["goals"]]
    assert row["targets"] == [commitment.targets.get().text] == [as_csv["targets"]]
    assert row["signal"] == commitment.signal.value == as_csv["signal"]
    assert row["url"] == as_csv["url"] == f"http://testserver/commitments/{commitment.pk}/"


def test_empty_result_exports_only_the_header(client, dashboard):
    assert csv_rows(client, {"q": "量子计算"}) == []
    assert json_rows(client, {"q": "量子计算"}) == []


@pytest.mark.parametrize(
    "name, value, label", [("status", "finished", "状态"), ("department", "nowhere", "部门")]
)
def test_malformed_filters_give_400_with_the_reason(client, dashboard, name, value, label):
    response = client.get("/commitments/export.csv", {name: value})
    assert response.status_code == 400
    assert response.content.decode().startswith(f"{label}: 选择一个有效的选项")
    response = client.get("/api/commitments.json", {name: value})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [name]
