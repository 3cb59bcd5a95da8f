"""Every public page scoped to a plan: the 十四五 closed but browsable, the 十五五 beside it."""

import datetime

import pytest
from django.utils import timezone

from commitments.models import Plan
from commitments.status import Status

from .factories import make_article, make_commitment, make_department

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans():
    """Two departments in the 十四五 (three commitments), one of them also in the 十五五 (two)."""
    fourteenth = Plan.objects.get(slug="wuhan-14th")
    fifteenth = Plan.objects.get(slug="wuhan-15th")
    audit, water = make_department(name="市审计局"), make_department(name="市水务局")
    old = make_article(
        plan=fourteenth,
        source="长江网",
        published_at=timezone.make_aware(datetime.datetime(2020, 12, 22, 9)),
    )
    new = make_article(
        plan=fifteenth,
        source="长江日报",
        published_at=timezone.make_aware(datetime.datetime(2026, 1, 10, 9)),
    )
    commitments = {
        "old-audit": make_commitment(audit, old, title="审计全覆盖十四五", status=Status.DONE,
                                     progress=100),
        "old-audit-2": make_commitment(audit, old, title="审计整改十四五"),
        "old-water": make_commitment(water, old, title="治水十四五"),
        "new-audit": make_commitment(audit, new, title="审计数字化十五五"),
        "new-audit-2": make_commitment(audit, new, title="审计监督十五五"),
    }
    return {"14th": fourteenth, "15th": fifteenth, "audit": audit, "water": water,
            "old": old, "new": new, **commitments}


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def titles(page):
    return {title for title in ["审计全覆盖十四五", "审计整改十四五", "治水十四五", "审计数字化十五五",
                                "审计监督十五五"] if title in page}


OLD = {"审计全覆盖十四五", "审计整改十四五", "治水十四五"}
NEW = {"审计数字化十五五", "审计监督十五五"}


def test_home_shows_the_plan_in_progress_when_it_has_commitments(client, plans):
    page = html(client, "/")
    assert "十五五规划承诺落实情况" in page
    assert '<span class="stat-value">2</span>' in page


def test_home_falls_back_to_the_latest_plan_with_commitments(client, plans):
    for key in ["new-audit", "new-audit-2"]:
        plans[key].delete()
    page = html(client, "/")
    assert "十四五规划承诺落实情况" in page
    assert '<span class="stat-value">3</span>' in page


def test_a_plans_overview_counts_only_its_commitments(client, plans):
    old = html(client, "/plans/wuhan-14th/")
    assert '<span class="stat-value">3</span>' in old
    new = html(client, "/plans/wuhan-15th/")
    assert '<span class="stat-value">2</span>' in new


def test_the_closed_plan_is_marked_closed_and_links_its_account(client, plans):
    old = html(client, "/plans/wuhan-14th/")
    assert '<span class="badge plan-closed">已收官</span>' in old
    assert 'href="/plans/wuhan-14th/account/"' in old
    new = html(client, "/plans/wuhan-15th/")
    assert '<span class="badge plan-closed">' not in new


def test_a_plans_overview_links_its_articles_and_scoped_pages(client, plans):
    page = html(client, "/plans/wuhan-14th/")
    assert f'href="{plans["old"].get_absolute_url()}"' in page
    assert f'href="{plans["new"].get_absolute_url()}"' not in page
    assert 'href="/departments/?plan=wuhan-14th"' in page
    assert 'href="/commitments/?plan=wuhan-14th"' in page


def test_a_plan_with_many_articles_names_the_first_and_links_the_rest(client, plans):
    plan = Plan.objects.get(slug="wuhan-14th")
    for day in range(1, 8):
        published_at = timezone.make_aware(datetime.datetime(2021, 3, day, 9))
        make_article(title=f"第{day}篇", plan=plan, published_at=published_at)
    lede = html(client, "/plans/wuhan-14th/").split('<p class="lede">')[1].split("</p>")[0]
    assert lede.count('href="/articles/') == 5 + 1  # five named, then 等 → the whole list
    assert '第7篇' in lede and '第3篇' in lede and '第2篇' not in lede
    assert 'href="/articles/">等</a>' in lede


def test_unknown_plan_is_404(client, plans):
    assert client.get("/plans/wuhan-13th/").status_code == 404
    assert client.get("/plans/wuhan-13th/account/").status_code == 404
    assert client.get(plans["audit"].get_absolute_url(), {"plan": "nowhere"}).status_code == 404
    assert client.get("/goals/economy/", {"plan": "nowhere"}).status_code == 404
    assert client.get("/departments/", {"plan": "nowhere"}).status_code == 404
    assert client.get("/commitments/", {"plan": "nowhere"}).status_code == 400


def test_the_list_filters_by_plan(client, plans):
    assert titles(html(client, "/commitments/", plan="wuhan-14th")) == OLD
    assert titles(html(client, "/commitments/", plan="wuhan-15th")) == NEW
    assert titles(html(client, "/commitments/")) == OLD | NEW


def test_a_department_page_filters_by_plan(client, plans):
    url = plans["audit"].get_absolute_url()
    assert titles(html(client, url, plan="wuhan-14th")) == {"审计全覆盖十四五", "审计整改十四五"}
    assert titles(html(client, url, plan="wuhan-15th")) == NEW
    assert titles(html(client, url)) == {"审计全覆盖十四五", "审计整改十四五"} | NEW
    scoped = html(client, url, plan="wuhan-14th")
    assert "十四五规划期间的承诺" in scoped and "已收官" in scoped
    assert 'href="/commitments/?department=' in scoped and "plan=wuhan-14th" in scoped


def test_the_department_list_of_a_plan_holds_its_departments_only(client, plans):
    new = html(client, "/departments/", plan="wuhan-15th")
    assert "市审计局" in new and "市水务局" not in new
    assert f'href="{plans["audit"].get_absolute_url()}?plan=wuhan-15th"' in new
    everyone = html(client, "/departments/")
    assert "市审计局" in everyone and "市水务局" in everyone


def test_a_goal_page_filters_by_plan(client, plans):
    from commitments.models import CommitmentGoal, Goal

    goal = Goal.objects.get(slug="economy")
    for key in ["old-water", "new-audit"]:
        CommitmentGoal.objects.create(commitment=plans[key], goal=goal, keywords=["产业"])
    assert titles(html(client, "/goals/economy/", plan="wuhan-14th")) == {"治水十四五"}
    assert titles(html(client, "/goals/economy/", plan="wuhan-15th")) == {"审计数字化十五五"}
    assert titles(html(client, "/goals/economy/")) == {"治水十四五", "审计数字化十五五"}


def test_the_header_switches_between_plans(client, plans):
    page = html(client, "/plans/wuhan-14th/")
    assert 'href="/plans/wuhan-14th/" aria-current="page">十四五规划 <small class="plan-closed">' in page
    assert 'href="/plans/wuhan-15th/">十五五规划 <small class="plan-current">实施中</small>' in page
    on_list = html(client, "/commitments/", plan="wuhan-15th")
    assert 'href="/plans/wuhan-15th/" aria-current="page">' in on_list


def test_the_header_marks_the_plan_the_front_page_shows(client, plans):
    shown = Plan.objects.shown_by_default()
    front = html(client, "/")
    assert f'href="/plans/{shown.slug}/" aria-current="page">' in front
    assert front.count('aria-current="page">') == 2  # the plan, and 总览 in the site navigation


def test_a_commitment_page_names_its_plan(client, plans):
    page = html(client, plans["old-water"].get_absolute_url())
    assert 'href="/plans/wuhan-14th/">十四五规划</a> <span class="badge plan-closed">' in page


def test_the_footer_credits_the_stored_articles(client, plans):
    page = html(client, "/commitments/")
    assert "长江网 2020-12-22" in page and "长江日报 2026-01-10" in page
    assert "2020年12月22日" not in page


def test_the_articles_page_lists_every_article_with_its_plan(client, plans):
    page = html(client, "/articles/")
    for article in [plans["old"], plans["new"]]:
        assert f'href="{article.get_absolute_url()}">{article.title}</a>' in page
    assert 'href="/plans/wuhan-15th/">十五五规划</a>' in page


def test_article_page_leaves_out_page_furniture(client):
    text = "展开频道\n新闻中心 > 武汉\n【字体：大 中 小】\n市测试局局长张三:\n推进就业。\n加快建设人才活力之城。\n"
    article = make_article(text=text)
    page = html(client, article.get_absolute_url())
    for furniture in ["展开频道", "新闻中心 &gt; 武汉", "【字体"]:
        assert furniture not in page
    assert "推进就业。" in page and "加快建设人才活力之城" in page


@pytest.mark.parametrize(
    "query, expected",
    [("刘生华", {"审计全覆盖十四五"}), ("物流", {"治水十四五"}), ("刘生华 物流", set())],
)
def test_keyword_search_finds_officials_and_goals_by_name(client, plans, query, expected):
    from commitments.models import CommitmentGoal, Goal

    official = plans["old-audit"].official
    official.name = "刘生华"
    official.save()
    CommitmentGoal.objects.create(
        commitment=plans["old-water"], goal=Goal.objects.get(slug="trade-logistics"),
        keywords=["物流"],
    )
    assert titles(html(client, "/commitments/", q=query)) == expected


def test_keyword_search_on_the_article_finds_the_audit_heads_and_the_logistics_goals(
    imported_article,
):
    from commitments.models import Commitment

    by_name = Commitment.objects.search("刘生华")
    assert by_name.exists()
    assert set(by_name.values_list("department__name", flat=True)) == {"市审计局"}
    logistics = Commitment.objects.filter(goals__slug="trade-logistics")
    assert logistics.exists()
    assert set(logistics) <= set(Commitment.objects.search("物流"))


@pytest.mark.parametrize("value", ["\x00", "a\x00b", "wuhan-14th\x00"])
def test_a_nul_in_the_plan_is_refused_not_a_500(client, plans, value):
    # The NUL guard answers 400 before any view; the views' own 404 stands behind it.
    assert client.get("/departments/", {"plan": value}).status_code == 400
    assert client.get("/goals/economy/", {"plan": value}).status_code == 400
    assert client.get(plans["audit"].get_absolute_url(), {"plan": value}).status_code == 400
    assert client.get("/feeds/departments/a%00b/").status_code == 400
