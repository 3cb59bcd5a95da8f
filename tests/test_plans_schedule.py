"""序时进度: the elapsed share of a commitment's period, and how far progress lags behind it."""

import datetime

import pytest
from django.utils import timezone

from commitments.models import Commitment, Plan, elapsed_percent
from commitments.status import Status

from .factories import make_article, make_commitment

START = datetime.date(2021, 1, 1)
DUE = datetime.date(2025, 1, 1)  # 1,461 days later


@pytest.mark.parametrize(
    "on, expected",
    [
        (datetime.date(2020, 6, 1), 0),  # before the start
        (START, 0),  # at the start
        (datetime.date(2023, 1, 1), 730 * 100 // 1461),  # halfway, rounded down: 49
        (DUE - datetime.timedelta(days=1), 99),
        (DUE, 100),  # at the due date
        (datetime.date(2026, 1, 1), 100),  # after it
    ],
)
def test_elapsed_share_at_its_boundaries(on, expected):
    assert elapsed_percent(START, DUE, on) == expected


def test_no_due_date_has_no_expected_progress():
    assert elapsed_percent(START, None, datetime.date(2023, 1, 1)) is None


def test_due_before_its_start_is_due_at_once():
    assert elapsed_percent(DUE, START, datetime.date(2023, 1, 1)) == 100


def schedule(commitment, on):
    row = Commitment.objects.with_schedule(on).get(pk=commitment.pk)
    return row.expected_progress, row.schedule_lag


@pytest.mark.django_db
@pytest.mark.parametrize(
    "on", [datetime.date(2020, 6, 1), START, datetime.date(2023, 1, 1), DUE - datetime.timedelta(days=1), DUE, datetime.date(2026, 1, 1)]
)
def test_sql_annotation_agrees_with_the_python_rule(on):
    published = timezone.make_aware(datetime.datetime(2021, 1, 1, 10, 30))
    commitment = make_commitment(
        article=make_article(published_at=published), due_date=DUE, progress=20,
        status=Status.IN_PROGRESS,
    )
    expected = elapsed_percent(START, DUE, on)
    assert schedule(commitment, on) == (expected, expected - 20)


@pytest.mark.django_db
def test_without_an_article_date_the_period_starts_with_the_plan():
    plan = Plan.objects.get(slug="wuhan-15th")
    commitment = make_commitment(
        article=make_article(plan=plan), due_date=datetime.date(2030, 12, 31), progress=0
    )
    on = datetime.date(2028, 6, 1)
    expected = elapsed_percent(plan.start_date, datetime.date(2030, 12, 31), on)
    assert schedule(commitment, on) == (expected, expected)


@pytest.mark.django_db
def test_progress_ahead_of_schedule_is_a_negative_lag():
    commitment = make_commitment(
        article=make_article(published_at=timezone.make_aware(datetime.datetime(2021, 1, 1))),
        due_date=DUE,
        progress=90,
        status=Status.IN_PROGRESS,
    )
    assert schedule(commitment, datetime.date(2023, 1, 1)) == (49, -41)
