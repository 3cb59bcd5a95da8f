"""Commitment and department pages say how far progress lags behind 序时进度."""

import datetime

import pytest
from django.utils import timezone

from commitments.models import Plan, elapsed_percent
from commitments.status import Status

from .factories import make_article, make_commitment, make_department

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
DUE = datetime.date(2030, 12, 31)


@pytest.fixture
def department():
    department = make_department(name="市水务局")
    article = make_article(
        plan=Plan.objects.get(slug="wuhan-15th"),
        published_at=timezone.make_aware(datetime.datetime(2026, 1, 1, 9)),
    )
    make_commitment(department, article, title="建成海绵城市", due_date=DUE, progress=0)
    make_commitment(department, article, title="治理黑臭水体", due_date=DUE, progress=0)
    make_commitment(department, article, title="建成泵站", due_date=START, progress=100,
                    status=Status.DONE)
    return department


def test_commitment_page_shows_its_schedule_and_lag(client, department):
    commitment = department.commitments.get(title="建成海绵城市")
    expected = elapsed_percent(START, DUE, timezone.localdate())
    html = client.get(commitment.get_absolute_url()).content.decode()
    assert f"<dt>序时进度</dt><dd>{expected}% " in html
    assert f"落后序时进度 {expected} 个百分点" in html


def test_a_done_commitment_shows_no_lag(client, department):
    commitment = department.commitments.get(title="建成泵站")
    html = client.get(commitment.get_absolute_url()).content.decode()
    assert "<dt>序时进度</dt><dd>100% " in html
    assert "落后序时进度" not in html.split("<dt>序时进度</dt>", 1)[1].split("</dd>", 1)[0]


def test_department_page_shows_the_mean_lag_and_each_commitments(client, department):
    expected = elapsed_percent(START, DUE, timezone.localdate())
    mean = round((expected * 2 + 0) / 3)
    html = client.get(department.get_absolute_url()).content.decode()
    assert f"平均落后序时进度 {mean} 个百分点" in html
    assert html.count(f"落后序时进度 {expected} 个百分点") == 2
    assert "sort=-lag" in html
