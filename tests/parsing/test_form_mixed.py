"""Two more Wuhan articles: a district's congress (the head's work report, the party secretary's
words, narration between) and an interview whose questions carry no label."""

import pytest

from .forms import (
    all_commitments,
    commitment_matches,
    commitment_with,
    departments_of,
    goal_slugs,
    parse,
    targets_of,
)

JIANGAN = {
    "江岸区": [
        "江岸区将全力建设长江主轴核心区",
        "江岸区要做强总部经济",
        "加快建设汉口滨江国际商务区",
        "江岸区将新建改扩建中小学10所",
        "建成区级医疗中心2个",
        "推进老旧小区改造全覆盖",
        "全区上下要抢抓长江主轴建设重大机遇",
        "要坚持人才优先",
        "我们要把每一件民生实事办好",
    ]
}
EAST_LAKE = {
    "东湖高新区": [
        "我们要把东湖科学城建成具有全球影响力的原始创新策源地",
        "打造“光芯屏端网”万亿级产业集群",
        "深化与周边城市的区域合作",
        "我们还将大力发展科技金融",
        "我们要深化“放管服”改革",
    ]
}


@pytest.fixture(scope="module")
def jiangan():
    return parse("mixed-jiangan.txt")


@pytest.fixture(scope="module")
def east_lake():
    return parse("interview-unlabelled-wuhan.txt")


def test_a_district_speaks_through_its_head_and_its_secretary(jiangan):
    # One department per unit: the district; its first speaker is the official on record.
    assert departments_of(jiangan) == [("江岸区", "吴立平", ["区委副书记", "区长"])]
    assert commitment_matches(jiangan, JIANGAN) == ([], [], [])


@pytest.mark.parametrize(
    "words", ["会期四天", "过去五年", "会议开幕", "报告提出", "吴立平说", "李强国说", "强调", "（完）"]
)
def test_narration_past_and_tags_are_no_commitments(jiangan, words):
    assert not [c.text for c in all_commitments(jiangan) if words in c.text]


def test_the_work_report_and_its_figures(jiangan):
    first = all_commitments(jiangan)[0]
    assert first.text.startswith("今后五年，江岸区将全力建设长江主轴核心区")
    assert (2000.0, "亿元", 2025, "quantity") in targets_of(jiangan)
    assert (25.0, "%", 2025, "quantity") in targets_of(jiangan)
    assert set(targets_of(jiangan, "baseline")) == {
        (6.8, "%", 2020, "baseline"), (5.2, "万户", 2020, "baseline")
    }
    assert (500.0, "家", 2026, "quantity") in targets_of(jiangan)
    assert jiangan.warnings == []


def test_district_goals(jiangan):
    assert goal_slugs(commitment_with(jiangan, "做强总部经济")) == ["economy"]
    assert goal_slugs(commitment_with(jiangan, "汉口滨江国际商务区")) == ["finance"]
    assert "innovation" in goal_slugs(commitment_with(jiangan, "要坚持人才优先"))
    assert goal_slugs(commitment_with(jiangan, "新建改扩建中小学10所")) == []
    assert goal_slugs(commitment_with(jiangan, "建成区级医疗中心2个")) == []


def test_an_interview_without_labels(east_lake):
    assert departments_of(east_lake) == [("东湖高新区", "陈建华", ["党工委副书记", "管委会主任"])]
    assert commitment_matches(east_lake, EAST_LAKE) == ([], [], [])
    for words in ["总体目标是什么", "有哪些打算", "如何进一步优化营商环境", "陈主任", "企业总收入"]:
        assert not [c.text for c in all_commitments(east_lake) if words in c.text]


def test_interview_targets_baselines_and_goals(east_lake):
    assert (80.0, "个", 2026, "quantity") in targets_of(east_lake)
    assert (1.0, "万家", 2026, "quantity") in targets_of(east_lake)
    assert set(targets_of(east_lake, "baseline")) == {
        (1.3, "万亿元", 2020, "baseline"), (5.2, "%", 2020, "baseline")
    }
    assert goal_slugs(commitment_with(east_lake, "东湖科学城")) == ["innovation"]
    assert goal_slugs(commitment_with(east_lake, "光芯屏端网")) == ["economy"]
    assert goal_slugs(commitment_with(east_lake, "科技金融")) == ["innovation", "finance"]
    assert goal_slugs(commitment_with(east_lake, "放管服")) == []
