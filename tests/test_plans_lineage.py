"""Lineage: a commitment continues one of an earlier plan; staff are offered the likely ones."""

import pytest

from commitments.lineage import continuation_candidates
from commitments.models import Plan
from commitments.search import tokenize

from .factories import make_article, make_commitment, make_department, make_user

pytestmark = pytest.mark.django_db


def stated(department, article, title):
    return make_commitment(
        department, article, title=title, search_tokens=" ".join(tokenize(title))
    )


@pytest.fixture
def lineage():
    fourteenth = make_article(plan=Plan.objects.get(slug="wuhan-14th"))
    fifteenth = make_article(plan=Plan.objects.get(slug="wuhan-15th"))
    audit, water = make_department(name="市审计局"), make_department(name="市水务局")
    return {
        "old": stated(audit, fourteenth, "推进审计全覆盖，加强审计整改"),
        "unrelated": stated(audit, fourteenth, "建设干部教育培训基地"),
        "elsewhere": stated(water, fourteenth, "推进审计全覆盖，加强审计整改"),
        "sibling": stated(audit, fifteenth, "推进审计全覆盖，深化审计整改"),
        "new": stated(audit, fifteenth, "深化审计全覆盖，强化审计整改落实"),
    }


def test_suggestions_are_the_departments_earlier_commitments_most_similar_first(lineage):
    suggested = [other for other, _score in continuation_candidates(lineage["new"])]
    assert suggested[0] == lineage["old"]
    assert lineage["elsewhere"] not in suggested  # another department
    assert lineage["sibling"] not in suggested  # the same plan
    scores = [score for _other, score in continuation_candidates(lineage["new"])]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] <= scores[0] <= 1


def test_a_commitment_of_the_first_plan_has_no_suggestions(lineage):
    assert continuation_candidates(lineage["old"]) == []


def test_both_public_pages_show_the_link(client, lineage):
    new, old = lineage["new"], lineage["old"]
    new.continues = old
    new.save()
    new_page = client.get(new.get_absolute_url()).content.decode()
    assert f'<dt>延续自</dt><dd><a href="{old.get_absolute_url()}">{old.title}</a>（十四五规划）' in new_page
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert f'<dt>延续为</dt><dd><div><a href="{new.get_absolute_url()}">{new.title}</a>（十五五规划）' in old_page


def test_staff_see_suggestions_and_set_the_link_with_autocomplete(client, lineage):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    html = client.get(f"/admin/commitments/commitment/{lineage['new'].pk}/change/").content.decode()
    assert "可能延续的承诺" in html
    assert f'/admin/commitments/commitment/{lineage["old"].pk}/change/' in html
    assert 'name="continues"' in html and "admin-autocomplete" in html
    found = client.get(
        "/admin/autocomplete/",
        {"term": "审计", "app_label": "commitments", "model_name": "commitment",
         "field_name": "continues"},
    ).json()
    assert str(lineage["old"].pk) in {row["id"] for row in found["results"]}
