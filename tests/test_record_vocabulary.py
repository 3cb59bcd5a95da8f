"""One home for the progress vocabulary: colours, classes, the signal rule, every status shown."""

import datetime
import itertools
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment
from commitments.status import (
    SIGNAL_COLOURS,
    STALE_AFTER,
    STATUS_STYLE,
    Signal,
    Status,
    signal_of,
)

from .factories import make_article, make_commitment, make_department, make_user

CSS = (Path(__file__).resolve().parent.parent / "static" / "css" / "planwatch.css").read_text()
DAY = datetime.timedelta(days=1)
SIGNAL_VARIABLES = {Signal.RED: "--red", Signal.AMBER: "--amber", Signal.GREEN: "--green"}


def css_variable(name):
    match = re.search(rf"{re.escape(name)}:\s*(#[0-9a-fA-F]{{6}});", CSS)
    assert match, f"{name} is not defined in planwatch.css"
    return match.group(1).lower()


@pytest.mark.parametrize("status", list(Status))
def test_each_status_has_its_colour_and_class_in_the_css(status):
    assert css_variable(f"--status-{status.value}") == STATUS_STYLE[status].colour.lower()
    assert f".{status.css_class} {{" in CSS


@pytest.mark.parametrize("signal", list(Signal))
def test_each_signal_has_its_colour_and_class_in_the_css(signal):
    assert css_variable(SIGNAL_VARIABLES[signal]) == SIGNAL_COLOURS[signal].lower()
    assert f".{signal.css_class} {{" in CSS


def rated(status):
    return {Status.DONE: 100, Status.NOT_STARTED: 0, Status.NOT_RATED: 0}.get(status, 50)


@pytest.mark.django_db
def test_the_sql_signal_agrees_with_the_python_rule():
    """Both come from SIGNAL_RULES: every status, due date and silence around the boundaries."""
    on = timezone.localdate()
    dues, silences = [on - DAY, on, on + DAY], [STALE_AFTER - DAY, STALE_AFTER, STALE_AFTER + DAY]
    article = make_article()
    department = make_department()
    cases = {}
    for status, due, silence in itertools.product(Status, dues, silences):
        commitment = make_commitment(department, article, due_date=due)
        Commitment.objects.filter(pk=commitment.pk).update(
            status=status, progress=rated(status), last_reported_on=on - silence
        )
        dates = {"due_date": due, "silent_since": on - silence}
        cases[commitment.pk] = signal_of(status, dates, on)
    in_sql = dict(Commitment.objects.with_signal(on).values_list("pk", "signal"))
    assert in_sql == {pk: signal.value for pk, signal in cases.items()}
    assert set(cases.values()) == set(Signal)


@pytest.mark.django_db
def test_not_rated_is_never_overdue_and_the_overview_says_so(client):
    past = timezone.localdate() - DAY
    for _ in range(3):
        make_commitment(due_date=past)
    summary = Commitment.objects.progress_summary()
    assert (summary["signal_red"], summary["status_not_rated"]) == (0, 3)
    assert Commitment.objects.overdue().count() == 0


@pytest.mark.django_db
def test_never_reported_commitment_is_silent_since_its_article():
    """The case of the issue: an article of 2020, never reported, is amber (not fresh)."""
    article = make_article(published_at=datetime.datetime(2020, 12, 22, 7, tzinfo=datetime.UTC))
    commitment = make_commitment(article=article, due_date=timezone.localdate() + 365 * DAY)
    assert Commitment.objects.with_signal().get(pk=commitment.pk).signal == Signal.AMBER
    assert Commitment.objects.get(pk=commitment.pk).signal == Signal.AMBER


@pytest.fixture
def every_status(db):
    department = make_department(name="市全状态局")
    article = make_article(published_at=datetime.datetime(2020, 12, 22, tzinfo=datetime.UTC))
    commitments = []
    for status in Status:
        commitment = make_commitment(department, article, title=f"承诺{status.value}")
        if status != Status.NOT_RATED:
            commitment.update_status(status=status, progress=rated(status))
        commitments.append(commitment)
    return department, article, commitments


@pytest.mark.django_db
def test_every_status_renders_on_every_page(client, every_status):
    department, article, commitments = every_status
    public = [
        "/", reverse("commitments:list"), reverse("departments:list"),
        department.get_absolute_url(), article.get_absolute_url(), reverse("commitments:feed"),
        reverse("commitments:export_csv"), reverse("commitments:export_json"),
        *[reverse("commitments:goal", args=[slug]) for slug in ["economy", "finance"]],
    ]
    for url in public:
        assert client.get(url).status_code == 200, url
    listing = client.get(reverse("commitments:list")).content.decode()
    for commitment in commitments:
        status = Status(Commitment.objects.get(pk=commitment.pk).status)
        detail = client.get(commitment.get_absolute_url())
        assert detail.status_code == 200
        assert f'class="badge {status.css_class}">{status.label}<' in detail.content.decode()
        assert f'class="badge {status.css_class}">{status.label}<' in listing
    client.force_login(make_user(is_staff=True, is_superuser=True))
    admin_pages = [
        reverse("admin:commitments_commitment_changelist"),
        reverse("admin:commitments_statusupdate_changelist") + "?review__exact=published",
        *[reverse("admin:commitments_commitment_change", args=[c.pk]) for c in commitments],
    ]
    for url in admin_pages:
        assert client.get(url).status_code == 200, url
