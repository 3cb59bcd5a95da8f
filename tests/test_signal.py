"""The 督办 signal at its boundaries: in the queryset, on a loaded commitment, in the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment
from commitments.status import SIGNAL_COLOURS, Signal, Status

from .factories import make_commitment, make_user

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def commitment_reported(days_ago, **fields):
    commitment = make_commitment(**fields)
    commitment.update_status(
        status=Status.IN_PROGRESS,
        progress=50,
        reported_on=timezone.localdate() - days_ago * DAY,
    )
    return commitment


def signal_in_queryset(commitment, on=None):
    return Commitment.objects.with_signal(on).get(pk=commitment.pk).signal


@pytest.mark.parametrize(
    ("due_in_days", "status", "expected"),
    [
        (0, Status.IN_PROGRESS, Signal.GREEN),  # due today: not yet late
        (-1, Status.IN_PROGRESS, Signal.RED),  # due yesterday
        (-1, Status.DONE, Signal.GREEN),  # late date but done
        (-1, Status.ABANDONED, Signal.RED),
    ],
)
def test_red_when_due_date_passed_without_done(due_in_days, status, expected):
    commitment = make_commitment(due_date=timezone.localdate() + due_in_days * DAY)
    commitment.update_status(status=status, progress=100 if status == Status.DONE else 50)
    assert signal_in_queryset(commitment) == expected
    assert Commitment.objects.get(pk=commitment.pk).signal == expected


@pytest.mark.parametrize(
    ("days_silent", "expected"), [(179, Signal.GREEN), (180, Signal.AMBER), (181, Signal.AMBER)]
)
def test_amber_after_180_days_without_update(days_silent, expected):
    commitment = commitment_reported(days_silent, due_date=timezone.localdate() + 365 * DAY)
    assert signal_in_queryset(commitment) == expected
    assert Commitment.objects.get(pk=commitment.pk).signal == expected


def test_done_commitment_never_goes_amber():
    commitment = make_commitment()
    commitment.update_status(
        status=Status.DONE, progress=100, reported_on=timezone.localdate() - 400 * DAY
    )
    assert signal_in_queryset(commitment) == Signal.GREEN
    assert Commitment.objects.get(pk=commitment.pk).signal == Signal.GREEN


def test_red_wins_over_amber():
    commitment = commitment_reported(400, due_date=timezone.localdate() - DAY)
    assert signal_in_queryset(commitment) == Signal.RED


def test_never_reported_commitment_counts_from_its_import():
    commitment = make_commitment(due_date=timezone.localdate() + 365 * DAY)
    today = timezone.localdate()
    assert signal_in_queryset(commitment, on=today + 179 * DAY) == Signal.GREEN
    assert signal_in_queryset(commitment, on=today + 180 * DAY) == Signal.AMBER


def test_signal_on_a_given_day_overrides_today():
    commitment = make_commitment(due_date=datetime.date(2025, 12, 31))
    commitment.update_status(
        status=Status.IN_PROGRESS, progress=10, reported_on=datetime.date(2025, 7, 4)
    )
    assert signal_in_queryset(commitment, on=datetime.date(2025, 12, 31)) == Signal.AMBER
    assert signal_in_queryset(commitment, on=datetime.date(2025, 12, 30)) == Signal.GREEN
    assert signal_in_queryset(commitment, on=datetime.date(2026, 1, 1)) == Signal.RED


def test_with_signal_of_selects_one_colour():
    future = timezone.localdate() + 365 * DAY
    red = commitment_reported(1, due_date=timezone.localdate() - DAY)
    amber = commitment_reported(180, due_date=future)
    green = commitment_reported(179, due_date=future)
    for commitment, signal in [(red, Signal.RED), (amber, Signal.AMBER), (green, Signal.GREEN)]:
        selected = Commitment.objects.with_signal_of(signal).values_list("pk", flat=True)
        assert list(selected) == [commitment.pk]


def test_admin_filters_and_colours_each_signal_at_its_boundaries(client):
    today, future = timezone.localdate(), timezone.localdate() + 365 * DAY
    make_commitment(title="今天到期", due_date=today)
    commitment_reported(1, title="昨天到期", due_date=today - DAY)
    commitment_reported(180, title="180天未更新", due_date=future)
    commitment_reported(179, title="179天未更新", due_date=future)
    client.force_login(make_user(is_staff=True, is_superuser=True))
    url = reverse("admin:commitments_commitment_changelist")
    expected = {
        Signal.RED: {"昨天到期"},
        Signal.AMBER: {"180天未更新"},
        Signal.GREEN: {"今天到期", "179天未更新"},
    }
    for signal, titles in expected.items():
        response = client.get(url, {"signal": signal.value})
        assert {c.title for c in response.context["cl"].result_list} == titles
        colour, label = SIGNAL_COLOURS[signal], signal.label
        badge = f'class="signal signal-{signal.value}" style="color: {colour}">●</span> {label}'
        assert badge in response.content.decode()
