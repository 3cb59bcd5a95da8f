"""Every public page on the imported 2020-12-22 article, the data PlanWatch is built from."""

import re

from django.utils.html import escape

from commitments.models import Commitment, Goal, Theme
from commitments.status import Signal, Status
from departments.models import Department


def page_urls(article):
    commitments = Commitment.objects.order_by("pk")
    return [
        "/",
        "/departments/",
        *[department.get_absolute_url() for department in Department.objects.all()],
        *[goal.get_absolute_url() for goal in Goal.objects.all()],
        "/commitments/",
        "/commitments/?page=2",
        *[f"/commitments/?theme={theme.slug}" for theme in Theme.objects.all()],
        *[f"/commitments/?goal={goal.slug}" for goal in Goal.objects.all()],
        *[f"/commitments/?status={status}" for status in Status.values],
        *[f"/commitments/?signal={signal}" for signal in Signal.values],
        "/commitments/?has_target=yes",
        "/commitments/?q=乡村振兴&sort=-updated",
        "/commitments/export.csv",
        "/api/commitments.json",
        *[commitment.get_absolute_url() for commitment in commitments],
        article.get_absolute_url(),
        "/feeds/updates/",
    ]


def test_every_page_renders_on_the_imported_article(client, shared_article):
    commitment = Commitment.objects.first()
    commitment.update_status(status=Status.IN_PROGRESS, progress=40, note="已印发实施方案")
    for url in page_urls(shared_article):
        response = client.get(url)
        assert response.status_code == 200, url


def test_overview_counts_the_article(client, shared_article):
    html = client.get("/").content.decode()
    total = Commitment.objects.count()
    assert total > 40
    assert f'<span class="stat-value">{total}</span>' in html
    assert html.count('<figure class="chart card') == 4


def test_search_finds_the_rural_revitalisation_commitments(client, shared_article):
    html = client.get("/commitments/", {"q": "乡村振兴"}).content.decode()
    ids = {int(pk) for pk in re.findall(r'<h3><a href="/commitments/(\d+)/">', html)}
    expected = {c.pk for c in Commitment.objects.all() if "乡村振兴" in c.title + c.text}
    assert expected and ids == expected
    assert {c.department.name for c in Commitment.objects.filter(pk__in=ids)} >= {"市扶贫办"}


def test_article_page_links_every_commitment(client, shared_article):
    html = client.get(shared_article.get_absolute_url()).content.decode()
    linked = set(re.findall(r'<a class="commitment-span" href="/commitments/(\d+)/"', html))
    assert linked == {str(pk) for pk in shared_article.commitments.values_list("pk", flat=True)}


def test_commitment_page_quotes_its_exact_source(client, shared_article):
    for commitment in Commitment.objects.filter(department__name="市审计局"):
        html = client.get(commitment.get_absolute_url()).content.decode()
        quote = shared_article.text[commitment.source_start : commitment.source_end]
        assert f"<mark>{escape(quote)}</mark>" in html
