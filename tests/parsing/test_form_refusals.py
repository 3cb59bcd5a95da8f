"""Refusals and warnings: a plan outline, an article where nobody speaks (naming the closest line),
articles over the size limits (refused before classification), and texts cut short."""

import pytest

from commitments.parsing import ArticleParseError, ArticleTooLarge, parse_article

from .articles import make_article


def refusal(raw, **options):
    with pytest.raises(ArticleParseError) as caught:
        parse_article(raw, **options)
    message = str(caught.value)
    assert message.endswith(".") and ". " not in message
    return caught.value, message


def test_a_plan_outline_is_refused_as_a_plan_document():
    text = "\n".join([
        "武汉市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
        "目录",
        "第一章 发展环境",
        "第一节 “十三五”时期发展成就",
        "第二节 面临的机遇和挑战",
        "第二章 总体要求",
        "加快打造“五个中心”，建设现代化大武汉。",
    ])
    _, message = refusal(text)
    assert "a plan document, not an article where officials speak" in message


def test_no_speaker_names_the_closest_line_and_why():
    _, message = refusal(make_article(
        "近日，全市召开经济工作会议。",
        "会上，局长强调要抓好今年各项工作。",
        "会议要求，各部门要加快推进重点项目。",
    ))
    assert "speaker line" in message and "paragraphs" in message
    assert "the closest is line" in message and "局长" in message and "no unit" in message


def test_a_colon_line_that_is_no_speaker_is_named():
    _, message = refusal(make_article("会议指出：要加快推进重点项目建设。"))
    assert "has a colon" in message


def test_too_many_speakers_is_refused_with_its_numbers():
    stems = "甲乙丙丁戊己庚辛壬癸"
    units = [f"市{a}{b}局" for a in stems for b in stems][:69]
    paragraphs = [f"{unit}局长张{unit[1:3]}表示，将推进改革。" for unit in units]
    error, message = refusal(make_article(*paragraphs), max_departments=60)
    assert isinstance(error, ArticleTooLarge)
    assert (error.what, error.count, error.limit) == ("departments", 61, 60)


def test_too_many_commitments_is_refused_before_classification():
    paragraphs = ["市统计局局长张三:", "统计先行"] + [f"推进统计改革第{i}项。" for i in range(1200)]
    error, _ = refusal(make_article(*paragraphs), max_commitments=1000)
    assert (error.what, error.limit) == ("commitments", 1000) and error.count > 1000


def test_a_hundred_thousand_short_lines_are_refused_by_the_limits():
    raw = ("市统计局局长张三:\n统计先行\n" + "\n".join(f"推进统计改革{i}。" for i in range(100_000)))
    error, _ = refusal(raw.encode(), max_commitments=1000, max_departments=60)
    assert error.what == "commitments"


def test_within_the_limits_the_article_parses():
    article = parse_article(make_article("市统计局局长张三:", "统计先行", "推进统计改革。"),
                            max_commitments=1, max_departments=1)
    assert len(article.departments) == 1


@pytest.mark.parametrize(
    ("ending", "words"),
    [("推进统计现代化改革，力争", "力争"), ("加快建设统计数据", "统计数据"), ("推进统计改革。\n\n(待续)", "待续")],
)
def test_a_text_cut_short_is_parsed_with_a_warning(ending, words):
    text = "\n\n".join(["测试:各部门谈发展", "2021-01-05 08:30 来源: 长江网", "市统计局局长张三:",
                        "统计先行", "推进统计现代化改革。", ending])
    article = parse_article(text)
    (warning,) = article.warnings
    assert words in warning or "未完待续" in warning
    assert article.departments[0].commitments


def test_an_article_ending_with_its_credits_has_no_warning():
    article = parse_article(make_article("市统计局局长张三:", "统计先行", "推进统计现代化改革。"))
    assert article.warnings == []
