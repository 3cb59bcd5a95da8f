"""Quantitative targets and deadlines, with their exact text and span in the article."""

import pytest

from commitments.parsing import parse_article
from commitments.parsing.targets import find_targets

from .articles import sample


def targets(text, published_year=2020):
    found = find_targets(text, 0, published_year)
    assert all(text[t.start : t.end] == t.text for t in found)
    return [(t.text, t.value, t.unit, t.year, t.kind) for t in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "实现“300米见绿,500米见园”的目标。",
            [("300米见绿", 300, "米", None, "quantity"), ("500米见园", 500, "米", None, "quantity")],
        ),
        ("打造武汉“12分钟文化圈”。", [("12分钟文化圈", 12, "分钟", None, "quantity")]),
        ("到2025年,建成国家中心城市。", [("到2025年", None, None, 2025, "deadline")]),
        ("2025年底前完成改造。", [("2025年底前", None, None, 2025, "deadline")]),
        ("到二〇二五年基本建成。", [("到二〇二五年", None, None, 2025, "deadline")]),
        ("五年内实现审计全覆盖。", [("五年内", 5, "年", 2025, "deadline")]),
        ("工业投资年均增长8%左右。", [("工业投资年均增长8%左右", 8, "%", None, "quantity")]),
        ("利用外资增长7.5％。", [("利用外资增长7.5％", 7.5, "%", None, "quantity")]),
        ("新增市场主体50家。", [("新增市场主体50家", 50, "家", None, "quantity")]),
        ("新增友好合作城市五个。", [("新增友好合作城市五个", 5, "个", None, "quantity")]),
        (
            "到2025年,新增停车泊位两万个。",
            [("到2025年", None, None, 2025, "deadline"), ("新增停车泊位两万个", 20000, "个", 2025, "quantity")],
        ),
    ],
)
def test_targets_are_found_with_value_unit_year_and_kind(text, expected):
    assert targets(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "巩固“四上”企业统计培训和统计台账两个“全覆盖”。",
        "以构建“三个环境”为抓手,打造“五个中心”。",
        "建设“口袋公园—社区公园—综合公园—郊野公园—自然公园”五级公园体系。",
        "周密实施《武汉市推进美丽乡村建设三年行动计划》。",
        "12月18日,市委十三届十次全会召开。",
        "比2020年增长较快。",
    ],
)
def test_slogans_dates_and_baselines_are_not_targets(text):
    assert targets(text) == []


def test_a_within_deadline_without_publication_date_has_no_year():
    assert targets("五年内实现审计全覆盖。", published_year=None) == [("五年内", 5, "年", None, "deadline")]


def test_targets_carry_spans_into_the_article_text():
    article = parse_article(sample("variants.txt"))
    found = [t for d in article.departments for c in d.commitments for t in c.targets]
    assert all(article.text[t.start : t.end] == t.text for t in found)
    assert [(t.text, t.value, t.unit, t.year) for t in found] == [
        ("新增规模以上工业企业200家", 200, "家", None),
        ("到2025年", None, None, 2025),
        ("到2025年工业投资年均增长8%左右", 8, "%", 2025),
        ("五年内", 5, "年", 2026),
        ("新增友好合作城市五个", 5, "个", None),
        ("15分钟便民生活圈", 15, "分钟", None),
    ]


def test_ten_thousands_unit_after_arabic_digits_is_one_target():
    found = find_targets("市场主体总量达到197万户", 0, 2020)
    assert [(t.value, t.unit) for t in found] == [(197.0, "万户")]


def piece_targets(body, published="2022-01-25"):
    """(commitment text, [(target text, year, kind)]) of a one-speaker article with this body."""
    article = parse_article(f"教育局谈今年\n\n{published} 08:12 来源：郑州晚报\n\n市教育局局长 孙明远：{body}\n")
    return [
        (c.text, [(t.text, t.year, t.kind) for t in c.targets])
        for d in article.departments for c in d.commitments
    ]


def test_each_measured_action_of_a_sentence_is_held_to_the_deadline_that_opens_it():
    assert piece_targets("今年，我们将新建20所学校，改扩建35所学校，新增学位5万个。") == [
        ("今年，我们将新建20所学校", [("今年", 2022, "deadline"), ("我们将新建20所学校", 2022, "quantity")]),
        ("改扩建35所学校", [("今年", 2022, "deadline"), ("改扩建35所学校", 2022, "quantity")]),
        ("新增学位5万个。", [("今年", 2022, "deadline"), ("新增学位5万个", 2022, "quantity")]),
    ]


def test_a_figure_takes_the_year_of_the_deadline_before_it_in_its_sentence():
    found = find_targets("今年新建20所学校，力争到2025年新增学位5万个。", 0, 2022)
    assert [(t.text, t.year) for t in found if t.kind == "quantity"] == [
        ("今年新建20所学校", 2022), ("力争到2025年新增学位5万个", 2025),
    ]


def test_a_time_opening_a_sentence_holds_across_its_semicolons():
    found = piece_targets("今年，全市将改造老旧小区600个；新建城市道路80公里，打通断头路30条。")
    assert [[(text, year) for text, year, kind in targets if kind == "deadline"]
            for _, targets in found] == [[("今年", 2022)]] * len(found)
    assert len(found) == 3


def test_a_deadline_inside_one_part_of_a_sentence_stays_in_it():
    found = piece_targets("我们将实施育苗计划，到2023年培育龙头企业10家；建设高铁新城，接待游客1000万人次。")
    assert [kinds for _, kinds in found][-1] == [("接待游客1000万人次", None, "quantity")]


def test_years_and_figures_spaced_from_the_words_read_as_written_together():
    assert targets("到 2025 年, 义务教育巩固率稳定在 99 % 以上。", published_year=2022) == [
        ("到 2025 年", None, None, 2025, "deadline"),
        ("义务教育巩固率稳定在 99 % 以上", 99, "%", 2025, "quantity"),
    ]
    assert piece_targets("2021 年, 全市人均预期寿命达到 79.2 岁。今年将新建社区卫生服务中心 12 个。") == [
        ("今年将新建社区卫生服务中心 12 个。",
         [("今年", 2022, "deadline"), ("今年将新建社区卫生服务中心 12 个", 2022, "quantity"),
          ("全市人均预期寿命达到 79.2 岁", 2021, "baseline")]),
    ]


def test_a_plan_that_is_over_reports_results_and_sets_no_deadline():
    body = "“十四五”期间，全市高新技术企业数量突破1.6万家。“十五五”期间，市科技局将新建重点实验室50家。"
    assert piece_targets(body, published="2026-01-20") == [
        ("“十五五”期间，市科技局将新建重点实验室50家。", [
            ("“十五五”期间", 2030, "deadline"),
            ("市科技局将新建重点实验室50家", 2030, "quantity"),
            ("全市高新技术企业数量突破1.6万家", 2025, "baseline"),
        ]),
    ]
    (early,) = piece_targets("“十四五”期间，全市高新技术企业数量突破1.6万家。", published="2021-01-20")
    assert early[1][0] == ("“十四五”期间", 2025, "deadline")


def test_a_year_end_review_reports_the_plan_ending_that_year_and_this_years_results():
    body = ("今年以来，全市完成交通投资152亿元。“十四五”期间，全市累计完成交通投资710亿元。"
            "明年将新改建农村公路600公里。")
    assert piece_targets(body, published="2025-12-29") == [
        ("明年将新改建农村公路600公里。", [
            ("明年", 2026, "deadline"),
            ("明年将新改建农村公路600公里", 2026, "quantity"),
            ("全市完成交通投资152亿元", 2025, "baseline"),
            ("全市累计完成交通投资710亿元", 2025, "baseline"),
        ]),
    ]
    (early,) = piece_targets("“十四五”期间，全市将新改建农村公路3000公里。", published="2025-03-01")
    assert early[1][0] == ("“十四五”期间", 2025, "deadline")
