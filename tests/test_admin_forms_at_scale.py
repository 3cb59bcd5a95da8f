"""A superuser's admin forms stay the same size however many articles, departments and officials
the site holds: their links to those are searched as typed (autocomplete), not listed whole."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import Statement

from .admin_pages import change_url, edit, login
from .factories import make_commitment, make_official


def statement_of(commitment):
    return Statement.objects.create(
        article=commitment.article, department=commitment.department,
        official=commitment.official, headline="推进就业",
    )


CHANGE_PAGES = {
    "commitment": change_url,
    "statement": lambda commitment: reverse(
        "admin:commitments_statement_change", args=[statement_of(commitment).pk]
    ),
    "official": lambda commitment: reverse(
        "admin:departments_official_change", args=[commitment.official.pk]
    ),
}


def options_and_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().count("<option"), len(queries)


@pytest.mark.parametrize("page", CHANGE_PAGES)
def test_a_change_page_does_not_grow_with_the_articles_departments_and_officials(
    client, cast, page
):
    url = CHANGE_PAGES[page](cast.commitment_a)
    login(client, cast.superuser)
    client.get(url)  # the first page of a session also caches what later pages reuse
    before = options_and_queries(client, url)
    for _ in range(20):
        make_commitment()  # a department, an official and an article of its own
    assert options_and_queries(client, url) == before


def autocomplete(client, field_name, term, model_name="commitment"):
    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "commitments", "model_name": model_name, "field_name": field_name,
        "term": term,
    })
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_superuser_finds_an_official_or_department_by_typing_part_of_its_name(client, cast):
    login(client, cast.superuser)
    official = make_official(cast.department_b, name="欧阳明")
    assert autocomplete(client, "official", "欧阳") == [str(official)]
    assert autocomplete(client, "department", "审计") == [str(cast.department_b)]
    assert autocomplete(client, "article", cast.commitment_b.article.title) == [
        str(cast.commitment_b.article)
    ]


def test_the_superuser_moves_a_commitment_to_another_official_through_the_form(client, cast):
    successor = make_official(cast.department_a, name="李继任")
    login(client, cast.superuser)
    response = edit(client, cast.commitment_a, official=successor.pk)
    assert response.status_code == 302, response.content.decode()[:2000]
    cast.commitment_a.refresh_from_db()
    assert cast.commitment_a.official == successor
