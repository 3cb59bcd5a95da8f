"""generate_demo_data: exact sizes, exact source spans, current state equal to the latest update,
the 十四五 plan, seeded."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Substr

from bench.demo import departments_for
from commitments.models import (
    Article,
    Commitment,
    CommitmentGoal,
    Plan,
    StatusUpdate,
    Target,
    Theme,
)
from commitments.parsing import THEMES
from departments.models import Department, Official

SIZES = ["--departments", "5", "--commitments", "200", "--updates", "500"]


def generate(*extra):
    call_command("generate_demo_data", *SIZES, *extra, verbosity=0)


def snapshot():
    """Every generated row, ids and timestamps included."""
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (Department, Official, Article, Commitment, CommitmentGoal, Target, StatusUpdate)
    ] + [list(Commitment.themes.through.objects.order_by("pk").values_list())]


@pytest.fixture
def demo_data(db):
    generate("--seed", "1", "--clear")


def test_sizes_are_exact(demo_data):
    assert Department.objects.count() == 5
    assert Official.objects.count() == 5
    assert Commitment.objects.count() == 200
    assert StatusUpdate.objects.count() == 500


def test_commitments_are_classified_by_the_parsers_themes(demo_data):
    parser_themes = {theme.slug for theme in THEMES}
    assert set(Theme.objects.values_list("slug", flat=True)) == parser_themes
    used = set(Commitment.themes.through.objects.values_list("theme__slug", flat=True))
    assert len(used) > 1 and used <= parser_themes


def test_commitment_and_target_text_is_the_article_span(demo_data):
    commitment_quotes = Commitment.objects.annotate(
        quote=Substr("article__text", F("source_start") + 1, F("source_end") - F("source_start"))
    )
    target_quotes = Target.objects.annotate(
        quote=Substr(
            "commitment__article__text", F("source_start") + 1, F("source_end") - F("source_start")
        )
    )
    assert Target.objects.exists()
    assert not commitment_quotes.exclude(quote=F("text")).exists()
    assert not target_quotes.exclude(quote=F("text")).exists()


def test_current_status_is_that_of_the_latest_update(demo_data):
    latest = StatusUpdate.objects.filter(commitment=OuterRef("pk")).order_by(
        "-reported_on", "-created_at", "-id"
    )
    with_latest = Commitment.objects.filter(updates__isnull=False).distinct().annotate(
        latest_status=Subquery(latest.values("status")[:1]),
        latest_progress=Subquery(latest.values("progress")[:1]),
        latest_on=Subquery(latest.values("reported_on")[:1]),
    )
    assert with_latest.count() > 100
    assert not with_latest.exclude(
        status=F("latest_status"), progress=F("latest_progress"), last_reported_on=F("latest_on")
    ).exists()
    never_reported = Commitment.objects.filter(updates__isnull=True)
    assert not never_reported.exclude(
        Q(status="not_rated", progress=0, last_reported_on__isnull=True)
    ).exists()


def test_goal_keywords_occur_in_the_commitment(demo_data):
    links = CommitmentGoal.objects.select_related("commitment")
    assert links.exists()
    assert all(kw in link.commitment.text for link in links for kw in link.keywords)
    assert not Commitment.objects.filter(themes__isnull=True).exists()


def test_same_seed_gives_the_same_data(db):
    generate("--seed", "7", "--clear")
    first = snapshot()
    generate("--seed", "7", "--clear")
    assert snapshot() == first
    generate("--seed", "8", "--clear")
    assert snapshot() != first


def test_without_clear_data_is_added(demo_data):
    generate("--seed", "2")
    assert Department.objects.count() == 10
    assert Commitment.objects.count() == 400
    assert StatusUpdate.objects.count() == 1000
    assert Commitment.objects.values("department").distinct().count() == 10


def test_articles_belong_to_the_plan_of_their_period(demo_data):
    assert Article.objects.exists()
    assert set(Article.objects.values_list("plan__slug", flat=True)) == {"wuhan-14th"}
    assert Plan.objects.get(slug="wuhan-14th").goals.exists()


def test_departments_grow_with_the_square_root_of_the_size(db):
    assert departments_for(100_000) == 200
    assert departments_for(1_000_000) == 632
    call_command("generate_demo_data", "--commitments", "250", "--updates", "300", "--clear",
                 verbosity=0)
    assert Department.objects.count() == departments_for(250) == 10


def index_and_foreign_key_names():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            " UNION ALL SELECT conname FROM pg_constraint WHERE contype = 'f'"
        )
        return sorted(name for (name,) in cursor.fetchall())


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and pg_indexes")
def test_indexes_and_foreign_keys_are_back_after_a_bulk_load(db):
    before = index_and_foreign_key_names()
    generate("--seed", "1", "--clear")
    assert index_and_foreign_key_names() == before
