"""Quantities counted in 万/亿 of a measure (2万亩, 2亿吨) and written in Chinese numerals, and a
past year written in Chinese numerals (二〇二〇年), in an article written for this test."""

from commitments.parsing.targets import find_targets

from .forms import all_commitments, parse, targets_of

NAME = "county-chinese-numerals.txt"


def test_wan_and_yi_stay_with_their_measure():
    found = {(t.value, t.unit) for t in find_targets("港口吞吐量突破2亿吨，建成保障房5万套", 0, 2021)}
    assert found == {(2.0, "亿吨"), (5.0, "万套")}


def test_chinese_numerals_and_years():
    article = parse(NAME)
    (county,) = article.departments
    assert county.name == "山前县"
    assert set(targets_of(article, "baseline")) == {
        (160.0, "亿元", 2020, "baseline"),
        (280000.0, "吨", 2020, "baseline"),
    }
    quantities = set(targets_of(article, "quantity"))
    assert {
        (8.0, "公里", 2021, "quantity"),
        (4.0, "条", 2021, "quantity"),
        (2.0, "万亩", 2021, "quantity"),
        (3000000.0, "人次", 2021, "quantity"),
    } <= quantities
    assert not [c.text for c in all_commitments(article) if "二〇二〇年" in c.text]
