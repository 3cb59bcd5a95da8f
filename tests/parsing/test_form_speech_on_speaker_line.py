"""Speech on the speaker's line (成都市武侯区委书记某某:今后五年,我们将……), no headlines; titles
spanning two units; a county-level city's mayor. Chengdu: no goals."""

import pytest

from commitments.parsing import parse_article

from .forms import (
    all_commitments,
    commitment_matches,
    commitment_with,
    departments_of,
    parse,
    targets_of,
)

EXPECTED = {
    "成都市武侯区": [
        "我们将加快建设现代服务业高地",
        "武侯区将推进老旧小区改造300个",
        "新建社区综合体20个",
        "深化与重庆渝中区的区域合作",
    ],
    "双流区": ["开辟国际航线30条", "我们将加快建设综合保税区"],
    "简阳市": ["简阳将建成城市快速路网120公里", "我们要发展现代农业"],
    "成都市生态环境局": ["全市将持续推进大气污染防治", "我们还要推动公园城市建设"],
}
NOT_COMMITMENTS = ["累计引进外资企业86家", "邀请各区（市）县主要负责人", "刘华东", "李建明："]


@pytest.fixture(scope="module")
def article():
    return parse("speakerline-chengdu.txt")


def test_speakers_on_their_lines(article):
    assert departments_of(article) == [
        ("成都市武侯区", "刘华东", ["区委书记"]),
        # The post next to the name (区长) names the unit; the zone's post is a concurrent role.
        ("双流区", "李建明", ["天府新区党工委副书记", "区长"]),
        ("简阳市", "张小兵", ["市长"]),
        ("成都市生态环境局", "孙建国", ["党组书记", "局长"]),
    ]
    assert all(d.headline == "" for d in article.departments)


def test_the_speech_after_the_colon_is_the_first_commitment(article):
    assert commitment_matches(article, EXPECTED) == ([], [], [])
    first = article.departments[0].commitments[0]
    assert first.text.startswith("今后五年，我们将加快建设现代服务业高地")


@pytest.mark.parametrize("words", NOT_COMMITMENTS)
def test_no_commitment_holds(article, words):
    assert not [c.text for c in all_commitments(article) if words in c.text]


def test_targets_and_baselines(article):
    assert (1500.0, "亿元", 2025, "quantity") in targets_of(article)
    assert (120.0, "公里", 2023, "quantity") in targets_of(article)
    assert (35.0, "微克/立方米", 2025, "quantity") in targets_of(article)
    assert targets_of(article, "baseline") == [(86.0, "家", 2020, "baseline")]


def test_chengdu_gets_no_goals(article):
    assert article.city == "成都"
    assert all(c.goals == [] for c in all_commitments(article))
    assert "regional-cooperation" in commitment_with(article, "区域合作").themes
    assert "opening-up" in commitment_with(article, "综合保税区").themes


def test_a_broadcast_transcript_gives_each_official_the_words_on_tape_only():
    article = parse_article("\n\n".join([
        "一把手谈新年打算",
        "2023-02-10 19:30 来源：江城广播电视台",
        "【解说】\n去年，全市新改建农村公路920公里。今年，交通部门将继续把项目建设摆在突出位置。",
        "【同期声】市交通运输局局长　张立群：\n今年我们将新改建农村公路800公里。",
        "【解说】\n住房保障同样是市民关心的热点，小区改造刚刚完工。",
        "【同期声】市民　刘女士：\n希望今年别的小区也能把电梯装上。",
        "【同期声】市住房和城乡建设局局长　覃海燕：\n今年全市计划改造老旧小区180个。",
    ]))
    said = {d.name: [c.text for c in d.commitments] for d in article.departments}
    assert said == {
        "市交通运输局": ["今年我们将新改建农村公路800公里。"],
        "市住房和城乡建设局": ["今年全市计划改造老旧小区180个。"],
    }
