"""Plans: which plan an article speaks of, and how an import attaches it."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from commitments.models import Goal, Plan

from .factories import make_article

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


def slug_for(published_at, text=""):
    plan, reason = Plan.objects.for_article(published_at, text)
    assert reason
    return plan and plan.slug


def test_the_migration_creates_wuhans_two_plans_with_the_five_centres():
    plans = {plan.slug: plan for plan in Plan.objects.all()}
    assert set(plans) == {"wuhan-14th", "wuhan-15th"}
    assert plans["wuhan-14th"].name == "十四五规划"
    assert (plans["wuhan-14th"].start_date, plans["wuhan-14th"].end_date) == (
        datetime.date(2021, 1, 1), datetime.date(2025, 12, 31),
    )
    assert (plans["wuhan-15th"].start_date, plans["wuhan-15th"].end_date) == (
        datetime.date(2026, 1, 1), datetime.date(2030, 12, 31),
    )
    for plan in plans.values():
        assert plan.city == "武汉"
        assert set(plan.goals.all()) == set(Goal.objects.all()) and plan.goals.count() == 5


@pytest.mark.parametrize(
    "published_at, slug",
    [
        (at(2020, 12, 22), "wuhan-14th"),  # the eve of a plan speaks of it
        (at(2023, 5, 1), "wuhan-14th"),
        (at(2025, 8, 1), "wuhan-14th"),
        (at(2025, 11, 20), "wuhan-15th"),
        (at(2027, 3, 1), "wuhan-15th"),
        (at(2019, 1, 1), None),
        (None, None),
    ],
)
def test_the_date_decides_when_the_text_names_no_plan(published_at, slug):
    assert slug_for(published_at, "推进就业。") == slug


def test_a_plan_named_in_the_text_wins_over_the_date():
    assert slug_for(at(2025, 3, 1), "谋划“十五五”发展，争取更多项目。") == "wuhan-15th"
    assert slug_for(None, "“十四五”期间建成三座公园。") == "wuhan-14th"


def test_the_plan_named_most_often_wins():
    text = "“十四五”圆满收官。“十五五”开局之年，“十五五”重点项目加快推进。"
    assert slug_for(at(2025, 3, 1), text) == "wuhan-15th"


def test_the_seed_article_is_attached_to_the_14th_plan_with_the_reason(article_path):
    out = StringIO()
    call_command("import_article", str(article_path), stdout=out)
    assert "归入十四五规划" in out.getvalue()
    assert "十四五" in out.getvalue().splitlines()[-1]
    plan = Plan.objects.get(slug="wuhan-14th")
    assert plan.articles.count() == 1


def test_import_with_plan_option_attaches_that_plan(article_path):
    out = StringIO()
    call_command("import_article", str(article_path), "--plan", "wuhan-15th", stdout=out)
    assert "归入十五五规划（按 --plan 指定）" in out.getvalue()
    assert Plan.objects.get(slug="wuhan-15th").articles.count() == 1


def test_import_with_an_unknown_plan_stores_nothing(article_path):
    with pytest.raises(CommandError, match="--plan nowhere: no such plan"):
        call_command("import_article", str(article_path), "--plan", "nowhere")
    assert not Plan.objects.filter(articles__isnull=False).exists()


def test_dry_run_attaches_nothing(article_path):
    call_command("import_article", str(article_path), "--dry-run", stdout=StringIO())
    assert not Plan.objects.filter(articles__isnull=False).exists()


def test_attach_keeps_an_article_in_its_plan_and_says_so():
    article = make_article(published_at=at(2027, 1, 1))
    assert "发布日期" in Plan.objects.attach(article)
    assert article.plan.slug == "wuhan-15th"
    assert "此前已归入" in Plan.objects.attach(article)


def test_an_article_of_no_plan_is_left_unattached_with_a_hint():
    article = make_article(published_at=at(2019, 6, 1))
    assert "--plan" in Plan.objects.attach(article)
    article.refresh_from_db()
    assert article.plan is None


def test_the_plan_shown_by_default_is_the_current_one_with_commitments(imported_article):
    today = datetime.date(2026, 11, 30)
    assert Plan.objects.shown_by_default(today).slug == "wuhan-14th"
    fifteenth = Plan.objects.get(slug="wuhan-15th")
    from .factories import make_commitment

    make_commitment(article=make_article(plan=fifteenth))
    assert Plan.objects.shown_by_default(today).slug == "wuhan-15th"
    assert Plan.objects.shown_by_default(datetime.date(2024, 1, 1)).slug == "wuhan-14th"


def test_no_plan_is_shown_by_default_without_commitments():
    assert Plan.objects.shown_by_default() is None


def test_a_plan_is_closed_after_its_last_day():
    plan = Plan.objects.get(slug="wuhan-14th")
    assert not plan.is_closed(datetime.date(2025, 12, 31))
    assert plan.is_closed(datetime.date(2026, 1, 1))
