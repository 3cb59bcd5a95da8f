"""An interview (记者:/问: questions, answers under 答: or the official's name; the official named in
the subtitle), from Hangzhou: no 五个中心 goal."""

import pytest

from .forms import (
    all_commitments,
    commitment_matches,
    commitment_with,
    departments_of,
    parse,
    targets_of,
)

EXPECTED = {
    "杭州市西湖区": [
        "打造云谷和紫金港科技城两大创新平台",
        "我们还将深化“最多跑一次”改革",
        "西湖区将新建中小学和幼儿园12所",
        "新增养老床位800张",
        "推进城中村改造",
        "我们要加强西溪湿地保护",
        "西湖区将擦亮西湖文化金名片",
    ]
}
NOT_COMMITMENTS = ["取得了哪些成绩", "发展目标是什么", "有哪些打算", "文化和旅游方面呢", "过去五年",
                   "这些成绩来之不易", "答：", "周立新：", "记者专访"]


@pytest.fixture(scope="module")
def article():
    return parse("interview-hangzhou.txt")


def test_the_official_named_in_the_subtitle_answers(article):
    assert departments_of(article) == [("杭州市西湖区", "周立新", ["区委副书记", "区长"])]


def test_answers_are_commitments_questions_never(article):
    assert commitment_matches(article, EXPECTED) == ([], [], [])


@pytest.mark.parametrize("words", NOT_COMMITMENTS)
def test_questions_labels_and_past_results_are_no_commitments(article, words):
    assert not [c.text for c in all_commitments(article) if words in c.text]


def test_targets_baselines_and_deadlines(article):
    platform = commitment_with(article, "两大创新平台")
    assert [(t.text, t.year, t.kind) for t in platform.targets if t.kind == "deadline"] == [
        ("今后五年", 2026, "deadline"), ("到2025年", 2025, "deadline")
    ]
    assert (1000.0, "亿元", 2025, "quantity") in targets_of(article)
    assert (90.0, "%", None, "quantity") in targets_of(article)  # 百分之九十
    assert (800.0, "张", 2022, "quantity") in targets_of(article)  # 明年, published in 2021
    assert set(targets_of(article, "baseline")) == {
        (7.2, "%", 2020, "baseline"),
        (1430.0, "亿元", 2020, "baseline"),
        (40.0, "%", 2020, "baseline"),
    }


def test_another_city_gets_no_goals_but_its_themes(article):
    assert article.city == "杭州"
    assert all(c.goals == [] for c in all_commitments(article))
    assert "urban-construction" in commitment_with(article, "推进城中村改造").themes
    assert "public-services" in commitment_with(article, "中小学和幼儿园").themes
    assert "government-services" in commitment_with(article, "最多跑一次").themes


def test_the_same_article_given_as_wuhan_links_goals():
    wuhan = parse("interview-hangzhou.txt", city="武汉")
    assert wuhan.city == "武汉"
    assert any(c.goals for c in all_commitments(wuhan))


def test_metadata(article):
    assert article.published_at.isoformat() == "2021-01-12T09:15:00+08:00"
    assert article.warnings == []
    assert article.reporters == ["沈佳"]
