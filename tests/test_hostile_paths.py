"""No path, and no query string on an admin page, makes PlanWatch fail: 400 or 404, never a 500.

NUL bytes and numbers too large for a date or a machine integer are the inputs that got through
before (PostgreSQL refuses NUL in a literal, where SQLite takes it). The named cases first, then a
property-based test (hypothesis) over generated path segments on every public and admin URL,
with a superuser logged in, and over generated query strings on every admin list. Both run on
SQLite and on PostgreSQL (.ci/run).
"""

import datetime
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from commitments.models import Article, Commitment, StatusUpdate

from .factories import make_article, make_commitment, make_user
from .hostile import RAW, SQL, check_response, numbers, texts

pytestmark = pytest.mark.django_db

EXAMPLES = 200
HUGE = "99999999999999999999"


@pytest.fixture(scope="module")
def seeded_rows(module_article):
    """The seed article with one status update, and a superuser: written once, only read."""
    commitment = Commitment.objects.filter(article=module_article).order_by("pk").first()
    commitment.update_status(status="in_progress", progress=40, note="推进中")
    superuser = make_user("root", is_staff=True, is_superuser=True)
    history = commitment.history.order_by("history_id").first().history_id
    return superuser, commitment, history


@pytest.fixture
def seeded(seeded_rows, db, settings):
    """seeded_rows, and a client logged in as the superuser."""
    settings.DEBUG = False
    superuser, commitment, history = seeded_rows
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client, commitment, history


NAMED_CASES = [
    "/departments/%00/",
    "/departments/a%00b/",
    "/goals/a%00b/",
    "/commitments/?q=%00",
    "/commitments/?x%00=1",
    "/%00",
    "/admin/commitments/commitment/?status=%00",
    "/admin/commitments/commitment/?q=a%00b",
    "/admin/commitments/statusupdate/?status=%00",
    f"/admin/commitments/statusupdate/?reported_on__year={HUGE}",
    f"/admin/commitments/statusupdate/?reported_on__year=2024&reported_on__month={HUGE}",
    "/admin/commitments/statusupdate/"
    f"?reported_on__year=2024&reported_on__month=1&reported_on__day={HUGE}",
    f"/admin/commitments/article/?published_at__year={HUGE}",
    f"/admin/evidence/evidencedocument/?created_at__year={HUGE}",
    f"/admin/axes/accesslog/?attempt_time__year=2024&attempt_time__month={HUGE}",
    "/admin/commitments/commitment/{pk}/history/%00/",
    "/admin/commitments/commitment/{pk}/history/abc/",
    f"/admin/commitments/commitment/{{pk}}/history/{HUGE}/",
    "/admin/commitments/commitment/abc/history/{history}/",
    "/admin/commitments/commitment/%00/change/",
    "/admin/commitments/commitment/{pk}/record/%00/",
]


@pytest.mark.parametrize("url", NAMED_CASES)
def test_nul_and_out_of_range_input_is_refused_not_a_server_error(seeded, url):
    client, commitment, history = seeded
    response = client.get(url.format(pk=commitment.pk, history=history))
    assert response.status_code in (302, 400, 404), response.status_code
    if response.status_code == 302:  # the admin's "invalid filter" answer
        assert response["Location"].endswith("?e=1")


def test_a_nul_anywhere_in_the_path_or_query_is_a_plain_400(client, db):
    for url in ["/departments/%00/", "/?q=%00", "/admin/?a=%2500&b=%00"]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert "script-src 'self'" in response["Content-Security-Policy"]
    assert client.get("/?q=%2500").status_code == 200  # an escaped percent sign is no NUL


def segments():
    """One path segment, percent-encoded, or raw with its slashes and escapes."""
    text = st.one_of(texts(), numbers(), st.sampled_from(SQL), st.sampled_from(RAW),
                     st.sampled_from(["\x00", "a\x00b", "..", ".", "%2e%2e", HUGE, "-1", "0"]))
    return st.one_of(text.map(lambda value: quote(value, safe="")), st.sampled_from(RAW), text)


def path_templates(commitment, history):
    """URLs with one slot for a generated segment: every public URL, then the admin's."""
    department = commitment.department.slug
    public = [
        "/{}", "/{}/", "/departments/{}/", "/goals/{}/", "/commitments/{}/", "/articles/{}/",
        "/feeds/{}/", "/api/{}", "/commitments/export.{}", "/static/{}", "/i18n/{}/",
        f"/departments/{department}/{{}}", "/healthz/{}",
    ]
    admin_urls = ["/admin/{}", "/admin/{}/", "/admin/commitments/{}/", "/admin/departments/{}/"]
    for model in admin.site._registry:
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        admin_urls += [changelist + "{}/", changelist + "{}/change/", changelist + "{}/history/",
                       changelist + "{}/delete/"]
    commitment_admin = reverse("admin:commitments_commitment_changelist")
    admin_urls += [
        f"{commitment_admin}{commitment.pk}/history/{{}}/",
        f"{commitment_admin}{{}}/history/{history}/",
        f"{commitment_admin}{{}}/record/",
        f"{commitment_admin}{commitment.pk}/{{}}/",
    ]
    return public + admin_urls


def test_no_path_makes_a_page_fail(seeded):
    client, commitment, history = seeded
    templates = path_templates(commitment, history)
    tried = set()

    @hypothesis_settings(
        max_examples=EXAMPLES, deadline=None, database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(template=st.sampled_from(templates), segment=segments())
    @example(template="/departments/{}/", segment="%00")
    @example(template=f"/admin/commitments/commitment/{commitment.pk}/history/{{}}/", segment="x")
    def check(template, segment):
        tried.add(template)
        url = template.format(segment)
        response = client.get(url)
        try:
            check_response(response, [])
        except AssertionError as failure:
            raise AssertionError(f"GET {url}: {failure}") from None

    check()
    assert len(tried) > len(templates) / 2


ADMIN_KEYS = [
    "q", "o", "p", "e", "all", "_changelist_filters", "_to_field", "_popup", "status",
    "status__exact", "department__id__exact", "commitment__department__id__exact",
    "goals__id__exact", "themes__id__exact", "overdue", "signal", "reported_on__year",
    "reported_on__month", "reported_on__day", "reported_on__gte", "reported_on__lt",
    "published_at__year", "published_at__month", "published_at__day", "year", "year__exact",
    "kind__exact", "source__exact", "goal__id__exact", "id__in", "pk",
]


def admin_query_strings():
    values = st.one_of(texts(), numbers(), st.sampled_from(SQL), st.just(""),
                       st.sampled_from(["\x00", HUGE, "2024", "0", "-1", "13", "32"]))
    keys = st.one_of(st.sampled_from(ADMIN_KEYS), st.sampled_from(ADMIN_KEYS), st.text(max_size=12))
    pairs = st.lists(st.tuples(keys, values), max_size=5)
    raw = st.lists(st.sampled_from(RAW), max_size=2)
    return st.tuples(pairs, raw).map(
        lambda parts: "&".join([*(f"{quote(k)}={quote(v)}" for k, v in parts[0]), *parts[1]])
    )


def test_no_query_string_makes_an_admin_list_fail(seeded):
    client, _commitment, _history = seeded
    changelists = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]

    @hypothesis_settings(
        max_examples=EXAMPLES, deadline=None, database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(url=st.sampled_from(changelists), query=admin_query_strings())
    @example(url=reverse("admin:commitments_statusupdate_changelist"),
             query=f"reported_on__year={HUGE}")
    @example(url=reverse("admin:auth_group_changelist"), query=f"id__in={HUGE}")
    @example(url=reverse("admin:evidence_evidencedocument_changelist"),
             query=f"published_at__year=0&created_at__year__lt={HUGE}")
    @example(url=reverse("admin:commitments_commitment_changelist"),
             query=f"department__id__in={HUGE},1&id__in=-{HUGE}")
    def check(url, query):
        response = client.get(url, QUERY_STRING=query)
        try:
            check_response(response, [])
        except AssertionError as failure:
            raise AssertionError(f"GET {url}?{query}: {failure}") from None

    check()
    assert StatusUpdate.objects.exists()


def test_in_lookups_drop_integers_no_column_can_hold(db):
    """planwatch/lookups.py: a value beyond the column's range matches nothing, on the key and
    through a foreign key, and the values in range still match."""
    commitment = make_commitment()
    huge = int(HUGE)
    assert list(Commitment.objects.filter(pk__in=[huge, commitment.pk])) == [commitment]
    assert not Commitment.objects.filter(pk__in=[-huge]).exists()
    assert list(
        Commitment.objects.filter(department__in=[huge, commitment.department_id])
    ) == [commitment]
    assert not Commitment.objects.filter(department_id__in=[huge]).exists()


def test_year_lookups_compare_years_no_date_can_have(db):
    """planwatch/lookups.py: a year outside 1-9999 compares as the dates' range does, on date and
    datetime columns, and years in range still match."""
    dated = make_article(published_at=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))
    undated = make_article()  # no year matches it
    articles = Article.objects.filter(pk__in=[dated.pk, undated.pk])
    commitment = make_commitment(due_date=datetime.date(2025, 12, 31))
    due = Commitment.objects.filter(pk=commitment.pk)
    for year in (0, -1, int(HUGE)):
        assert not articles.filter(published_at__year=year).exists()
        assert not due.filter(due_date__year=year).exists()
        assert not due.filter(due_date__iso_year=year).exists()
    assert list(articles.filter(published_at__year__gt=0)) == [dated]
    assert list(articles.filter(published_at__year__lt=int(HUGE))) == [dated]
    assert not articles.filter(published_at__year__lte=0).exists()
    assert not articles.filter(published_at__year__gte=10_000).exists()
    assert list(due.filter(due_date__year__gte=-1)) == [commitment]
    assert list(due.filter(due_date__year__lte=10_000)) == [commitment]
    assert list(articles.filter(published_at__year=2024)) == [dated]
    assert list(due.filter(due_date__year=2025)) == [commitment]
