"""A report is dated between its commitment's article and today (Asia/Shanghai), by every path."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, StatusUpdate
from commitments.status import Status

from .factories import make_article, make_commitment
from .admin_pages import login
from .admin_pages import UPDATE, assert_nothing_recorded, record_url

pytestmark = pytest.mark.django_db

ARTICLE_DAY = datetime.date(2020, 12, 22)
PUBLISHED = datetime.datetime(2020, 12, 22, 7, 8, tzinfo=datetime.timezone.utc)


def dated_commitment(**fields):
    return make_commitment(article=make_article(published_at=PUBLISHED), **fields)


@pytest.mark.parametrize("reported_on", ["2027-06-30", "9999-12-31", "2019-01-01", "2020-12-21"])
def test_form_refuses_a_report_after_today_or_before_the_article(client, cast, reported_on):
    Commitment.objects.filter(pk=cast.commitment_a.pk).update(
        article=make_article(published_at=PUBLISHED)
    )
    login(client, cast.superuser)
    response = client.post(record_url(cast.commitment_a), {**UPDATE, "reported_on": reported_on})
    assert response.status_code == 400
    assert "报告日期不能" in str(response.context["form"].errors["reported_on"])
    assert_nothing_recorded(cast.commitment_a)


def test_form_accepts_the_article_day_and_today(client, cast):
    Commitment.objects.filter(pk=cast.commitment_a.pk).update(
        article=make_article(published_at=PUBLISHED)
    )
    login(client, cast.superuser)
    for day in [ARTICLE_DAY, timezone.localdate()]:
        response = client.post(record_url(cast.commitment_a), {**UPDATE, "reported_on": day})
        assert response.status_code == 302
    assert StatusUpdate.objects.count() == 2


@pytest.mark.parametrize(
    "reported_on", [datetime.date(9999, 12, 31), datetime.date(2019, 1, 1)]
)
def test_update_status_refuses_impossible_dates(reported_on):
    commitment = dated_commitment()
    with pytest.raises(ValidationError) as raised:
        commitment.update_status(status=Status.IN_PROGRESS, progress=10, reported_on=reported_on)
    assert "reported_on" in raised.value.message_dict
    assert not StatusUpdate.objects.exists()


def test_saving_a_status_update_directly_is_checked_too():
    commitment = dated_commitment()
    update = StatusUpdate(
        commitment=commitment, status=Status.IN_PROGRESS, progress=10,
        reported_on=datetime.date(2027, 6, 30),
    )
    with pytest.raises(ValidationError):
        update.save()
    assert not StatusUpdate.objects.exists()


def test_a_future_report_no_longer_hides_later_ones():
    """The case of the issue: 9999-12-31 would have stayed "latest" for ever."""
    commitment = dated_commitment()
    with pytest.raises(ValidationError):
        commitment.update_status(
            status=Status.DONE, progress=100, reported_on=datetime.date(9999, 12, 31)
        )
    commitment.update_status(status=Status.IN_PROGRESS, progress=20)
    stored = Commitment.objects.get(pk=commitment.pk)
    assert (stored.status, stored.progress) == (Status.IN_PROGRESS, 20)


def test_check_status_dates_lists_rows_that_break_the_rule():
    commitment = dated_commitment(title="补录的承诺")
    good = commitment.update_status(status=Status.IN_PROGRESS, progress=10)
    # Rows from before the rule (bulk inserts and loaddata do not pass save()).
    early, late = StatusUpdate.objects.bulk_create([
        StatusUpdate(commitment=commitment, status=Status.IN_PROGRESS, progress=5,
                     reported_on=datetime.date(2019, 1, 1)),
        StatusUpdate(commitment=commitment, status=Status.DONE, progress=100,
                     reported_on=datetime.date(9999, 12, 31)),
    ])
    out = StringIO()
    with pytest.raises(CommandError, match="2 条进展记录"):
        call_command("check_status_dates", stdout=out)
    listed = out.getvalue()
    assert f"进展 #{early.pk}" in listed and "早于文章发布日期（2020-12-22）" in listed
    assert f"进展 #{late.pk}" in listed and "晚于今天" in listed
    assert f"进展 #{good.pk}" not in listed


def test_check_status_dates_is_quiet_when_all_is_well():
    dated_commitment().update_status(status=Status.IN_PROGRESS, progress=10)
    out = StringIO()
    call_command("check_status_dates", stdout=out)
    assert "都在文章发布日期与今天之间" in out.getvalue()


def test_bulk_action_refuses_a_date_before_the_latest_article_of_the_selection(client, cast):
    from django.contrib.admin import helpers

    Commitment.objects.filter(pk=cast.commitment_b.pk).update(
        article=make_article(published_at=PUBLISHED)
    )
    login(client, cast.superuser)
    response = client.post(reverse("admin:commitments_commitment_changelist"), {
        "action": "set_status",
        helpers.ACTION_CHECKBOX_NAME: [cast.commitment_a.pk, cast.commitment_b.pk],
        **UPDATE, "reported_on": "2020-06-30", "apply": "1",
    })
    assert response.status_code == 400
    assert "早于承诺所在文章的发布日期（2020-12-22）" in response.content.decode()
    assert not StatusUpdate.objects.exists()
