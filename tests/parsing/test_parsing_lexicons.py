"""Themes and goals by jieba words, search tokens, and jieba loading lazily."""

import re
import subprocess
import sys
from pathlib import Path

from commitments.parsing import GOALS, THEMES, parse_article, search_tokens
from commitments.parsing.tokens import goals_of, lexicon_words, themes_of

from .articles import make_article, sample

ROOT = Path(__file__).resolve().parents[2]

REQUIRED_THEMES = {
    "employment": "就业",
    "social-security": "社会保障",
    "rural-revitalisation": "乡村振兴",
    "poverty-alleviation": "脱贫攻坚",
    "market-regulation": "市场监管",
    "healthcare-security": "医疗保障",
    "digital-government": "数字政府",
    "government-services": "政务服务",
    "audit": "审计",
    "urban-construction": "城市建设",
    "culture-tourism": "文化旅游",
    "statistics": "统计",
    "ecology": "生态环境",
    "talent": "人才",
    "agriculture": "农业",
    "public-resources": "公共资源交易",
}


def themes(text):
    return themes_of(lexicon_words(text))


def goals(text):
    return [(goal.slug, goal.keywords) for goal in goals_of(lexicon_words(text))]


def test_theme_lexicon_holds_the_required_themes_with_unique_slugs():
    by_slug = {theme.slug: theme.name for theme in THEMES}
    assert len(by_slug) == len(THEMES)
    assert REQUIRED_THEMES.items() <= by_slug.items()
    assert all(theme.name_en for theme in THEMES)


def test_goals_are_the_five_centres():
    assert [(goal.slug, goal.name) for goal in GOALS] == [
        ("economy", "全国经济中心"),
        ("innovation", "国家科技创新中心"),
        ("trade-logistics", "国家商贸物流中心"),
        ("international", "国际交往中心"),
        ("finance", "区域金融中心"),
    ]


def test_plan_vocabulary_stays_whole():
    words = search_tokens("全面推进乡村振兴,优化营商环境,深化一网通办,建设数字政府和智慧城市,抢抓新基建机遇")
    for term in ["乡村振兴", "营商环境", "一网通办", "数字政府", "智慧城市", "新基建"]:
        assert term in words


def test_search_tokens_hold_long_words_and_their_parts_without_punctuation():
    words = search_tokens("推进乡村振兴。")
    assert {"乡村振兴", "乡村", "振兴", "推进"} <= set(words)
    assert "。" not in words and " " not in words


def test_a_keyword_inside_another_word_does_not_count():
    assert "talent" not in themes("提升个人才能。")
    assert "talent" in themes("加强人才培养。")


def test_a_keyword_word_keeps_its_parts_to_itself():
    # 消费维权 is market regulation; the 消费 inside it is not consumption for the trade centre.
    assert themes("严格消费维权。") == ["market-regulation"]
    assert goals("严格消费维权。") == []
    assert goals("促进文旅消费。") == [("trade-logistics", ["消费"])]


def test_goal_keywords_are_kept_once_in_order_of_appearance():
    assert goals("激发人才创新活力,深化科技创新,引进人才。") == [("innovation", ["人才", "创新", "科技"])]


def test_five_centres_as_a_phrase_serves_no_goal():
    assert goals("为打造“五个中心”护航。") == []


def test_a_commitment_may_serve_no_goal():
    assert goals("统计体系现代化。") == []


def test_social_insurance_is_not_the_financial_centre():
    assert goals("深化养老保险制度改革。") == []
    assert goals("探索推广商业健康保险。") == [("finance", ["商业健康保险"])]


def test_a_commitment_without_theme_words_takes_its_blocks_most_named_theme():
    article = parse_article(
        make_article(
            "市统计局局长张三:",
            "统计先行",
            "加强统计执法,完善统计制度。",
            "推进规范化建设。",
        )
    )
    themes = [c.themes for c in article.departments[0].commitments]
    assert themes == [["statistics"], ["statistics"]]


def test_a_block_naming_no_theme_at_all_falls_back_to_general():
    article = parse_article(sample("variants.txt"))
    assert article.departments[-1].commitments[0].themes == ["general"]


def test_commitment_search_tokens_are_space_joined_words_of_title_and_text():
    article = parse_article(sample("variants.txt"))
    commitment = article.departments[0].commitments[0]
    tokens = commitment.search_tokens.split(" ")
    assert tokens == search_tokens(commitment.title + " " + commitment.text)
    assert "制造业" in tokens and "，" not in tokens


def test_importing_the_parser_loads_neither_jieba_nor_django():
    code = "import sys, commitments.parsing; print('jieba' in sys.modules, 'django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


def test_no_parsing_module_imports_django():
    django_import = re.compile(r"^\s*(from|import) django", re.MULTILINE)
    modules = (ROOT / "commitments" / "parsing").glob("*.py")
    assert [m.name for m in modules if django_import.search(m.read_text())] == []
