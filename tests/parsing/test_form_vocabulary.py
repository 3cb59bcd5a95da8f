"""The theme vocabulary is reached by the test articles; goals need specific evidence."""

import pytest

from commitments.parsing import THEMES, parse_article
from commitments.parsing.tokens import goals_of, lexicon_words

from .articles import REAL_ARTICLE
from .forms import ARTICLES, all_commitments


@pytest.fixture(scope="module")
def articles():
    paths = sorted(ARTICLES.glob("*.txt")) + [REAL_ARTICLE]
    return [parse_article(path.read_bytes()) for path in paths]


def test_every_theme_is_reached_by_a_test_article(articles):
    reached = {
        theme for article in articles for commitment in all_commitments(article)
        for theme in commitment.themes
    }
    # "general" is the fallback of a block naming no theme (test_parsing_lexicons).
    assert {theme.slug for theme in THEMES} - reached == {"general"}


def goals(text):
    return [(goal.slug, goal.keywords) for goal in goals_of(lexicon_words(text))]


@pytest.mark.parametrize(
    "text",
    [
        "构建优质高效的市场准入环境,创新监管方式。",  # 创新 alone
        "实现脱贫攻坚与乡村振兴在规划、政策和人才等方面有效衔接。",  # 人才 alone
        "以高水平创建国际湿地城市。",  # 国际 alone
    ],
)
def test_one_generic_word_links_no_goal(text):
    assert goals(text) == []


@pytest.mark.parametrize(
    ("text", "slug", "keyword"),
    [
        ("加快科技成果转化,建设东湖科学城。", "innovation", "科技成果转化"),
        ("大力发展多式联运,建设国家物流枢纽。", "trade-logistics", "多式联运"),
        ("引进各类金融机构,发展资本市场。", "finance", "金融机构"),
        ("推进跨境电商综合试验区建设。", "international", "跨境电商"),
        ("壮大先进制造业,打造产业集群。", "economy", "先进制造业"),
    ],
)
def test_a_specific_keyword_links_its_goal(text, slug, keyword):
    found = dict(goals(text))
    assert keyword in found[slug]


def test_two_generic_words_together_are_evidence():
    assert goals("激发人才创新活力。") == [("innovation", ["人才", "创新"])]
