"""Reported speech (市商务局党组书记、局长某某表示,…… / “……”某某说。 / 他介绍,……): a Wuhan article."""

import pytest

from commitments.parsing import parse_article

from .forms import (
    REPORTED_SPEECH_EXPECTED as EXPECTED,
)
from .forms import (
    all_commitments,
    commitment_matches,
    commitment_with,
    departments_of,
    goal_slugs,
    parse,
    targets_of,
)

# Past results, narration, a quoted document, a photo caption and speech tags.
NOT_COMMITMENTS = [
    "政府工作报告提出",
    "全市社会消费品零售总额达到6150亿元",
    "已建成社区便民商业网点",
    "集装箱吞吐量累计突破1000万标箱",
    "去年全市新增境内外上市公司12家",
    "图为阳逻港",
    "记者走访",
    "汪建华",
    "黄国庆",
    "余文化",
    "他介绍",
    "他强调",
    "表示",
]


@pytest.fixture(scope="module")
def article():
    return parse("reported-wuhan.txt")


def test_each_speaker_is_a_department_with_official_and_titles(article):
    assert departments_of(article) == [
        ("市商务局", "汪建华", ["党组书记", "局长"]),
        ("市交通运输局", "黄国庆", ["市人大代表", "局长"]),
        ("市地方金融工作局", "余文化", ["局长"]),
        ("江汉区", "陈晓峰", ["区委书记"]),
    ]


def test_following_paragraphs_belong_to_the_speaker_until_narration(article):
    missing, extra, doubled = commitment_matches(article, EXPECTED)
    assert (missing, extra, doubled) == ([], [], [])


@pytest.mark.parametrize("words", NOT_COMMITMENTS)
def test_past_results_narration_quotes_and_tags_are_no_commitments(article, words):
    assert not [c.text for c in all_commitments(article) if words in c.text]


def test_speech_tags_are_never_titles(article):
    for commitment in all_commitments(article):
        assert not commitment.title.endswith(("说", "表示", "介绍"))
        assert commitment.title in commitment.text


def test_targets_keep_their_year_and_full_phrase(article):
    logistics = commitment_with(article, "新增A级物流企业50家")
    assert [(t.text, t.value, t.unit, t.year, t.kind) for t in logistics.targets] == [
        ("“十四五”期间", None, None, 2025, "deadline"),
        ("“十四五”期间新增A级物流企业50家", 50.0, "家", 2025, "quantity"),
    ]
    quantities = targets_of(article, "quantity")
    assert (350.0, "家", 2023, "quantity") in quantities
    assert (30.0, "家", 2023, "quantity") in quantities
    assert (300.0, "亿元", 2025, "quantity") in quantities
    assert (100.0, "家", 2026, "quantity") in quantities  # 五年内, published in 2021


def test_past_figures_are_baselines_never_targets(article):
    baselines = targets_of(article, "baseline")
    assert (6150.0, "亿元", 2020, "baseline") in baselines
    assert (20.9, "%", 2020, "baseline") in baselines
    assert (1000.0, "万标箱", 2020, "baseline") in baselines
    quantities = {value for value, _, _, _ in targets_of(article, "quantity")}
    assert not quantities & {6150.0, 20.9, 1000.0, 1200.0, 12.0, 84.0}


def test_deadlines(article):
    deadlines = {t.text: t.year for c in all_commitments(article) for t in c.targets
                 if t.kind == "deadline"}
    assert deadlines == {"“十四五”期间": 2025, "到2025年": 2025, "今后五年": 2026,
                         "到2023年": 2023, "五年内": 2026}


def test_wuhan_goals_by_specific_keywords(article):
    assert article.city == "武汉"
    assert goal_slugs(commitment_with(article, "新增A级物流企业50家")) == ["trade-logistics"]
    assert goal_slugs(commitment_with(article, "推进跨境电商综合试验区建设")) == ["international"]
    assert goal_slugs(commitment_with(article, "要发展科技金融")) == ["innovation", "finance"]
    assert goal_slugs(commitment_with(article, "大力引进各类金融机构")) == ["finance"]
    # Roads and rail serve no goal of their own: no goal by the word 交通 alone.
    assert goal_slugs(commitment_with(article, "新增高速公路里程150公里")) == []
    # Guarding against risk keeps the system safe; it builds no financial centre.
    assert goal_slugs(commitment_with(article, "加强金融风险监测预警")) == []


def test_a_name_lends_no_theme(article):
    # 余文化 is no 文化: no commitment of his is about culture.
    finance = article.departments[2]
    assert all("culture-tourism" not in c.themes for c in finance.commitments)
    assert all("finance" in c.themes for c in finance.commitments)


def test_themes_of_the_genre(article):
    assert "commerce-trade" in commitment_with(article, "我们将打造10条特色商业步行街").themes
    assert "logistics" in commitment_with(article, "新增A级物流企业50家").themes
    assert "transport" in commitment_with(article, "完善综合交通体系").themes
    assert "opening-up" in commitment_with(article, "推进跨境电商综合试验区建设").themes
    assert "science-technology" not in commitment_with(article, "大力引进各类金融机构").themes


def test_metadata(article):
    assert article.published_at.isoformat() == "2021-01-08T08:20:00+08:00"
    assert article.source == "长江日报"
    assert article.warnings == []
    first = all_commitments(article)[0]
    assert article.text[first.start : first.end] == first.text


@pytest.mark.parametrize("dateline", ["湖北日报讯（记者 王敏 通讯员 李想）", "新华社荆州1月20日电 ", "（1月20日）"])
def test_a_quote_opening_the_lead_paragraph_starts_after_its_dateline(dateline):
    article = parse_article("\n\n".join([
        "荆州市委书记吴志刚：建设长江经济带重要节点城市",
        f"{dateline}“荆州要在绿色发展上走在前列，五年内建成区域性中心城市。”荆州市委书记吴志刚在接受记者采访时说。",
        "吴志刚介绍，荆州将加快建设荆州港区，到2025年港口货物吞吐量突破1亿吨。",
    ]))
    texts = [c.text for c in all_commitments(article)]
    assert texts[0] == "“荆州要在绿色发展上走在前列，五年内建成区域性中心城市。”"
    assert len(texts) == 2


QUOTED_FIRST = """部门负责人晒出年度任务书

2023-02-08 08:05　来源：湘江晚报

新春开局，本报记者走进多个市直部门，听负责人讲述新一年的目标。

“去年，全市改造老旧小区186个。今年我们将改造老旧小区210个，加装电梯500台。

“到2025年，全市将建成‘完整社区’120个。”市住房和城乡建设局局长刘卫东说。

“今年我们将举办促消费活动100场以上，新设外资企业80家。”

——市商务局党组书记、局长 陈静怡

【市水利局】

“今年全市将新建和加固堤防45公里。”市水利局局长彭建华说。
"""


def test_a_speech_quoted_before_its_speaker_is_named_is_theirs():
    article = parse_article(QUOTED_FIRST)
    assert departments_of(article) == [
        ("市住房和城乡建设局", "刘卫东", ["局长"]),
        ("市商务局", "陈静怡", ["党组书记", "局长"]),
        ("市水利局", "彭建华", ["局长"]),
    ]
    said = {d.name: " ".join(c.text for c in d.commitments) for d in article.departments}
    assert "加装电梯500台" in said["市住房和城乡建设局"] and "120个" in said["市住房和城乡建设局"]
    assert "新设外资企业80家" in said["市商务局"]
    assert "堤防45公里" in said["市水利局"] and "陈静怡" not in said["市水利局"]


def test_officials_named_before_their_post_in_brackets_speak_for_their_unit():
    article = parse_article("\n\n".join([
        "新春第一会：各部门亮目标",
        "2025-01-20 08:12　来源：桐川县融媒体中心",
        "“今年是收官之年。”宋明远（县委书记）表示，今年全县要力争地区生产总值增长6.5%。",
        "黄丽萍（县工业和信息化局局长）介绍，今年县工信局将新增规模以上工业企业30家。",
        "去年全县新建高标准农田3.6万亩。这位局长告诉记者，今年将再新建技改项目40个。",
    ]))
    assert departments_of(article) == [
        ("桐川县", "宋明远", ["县委书记"]), ("县工业和信息化局", "黄丽萍", ["局长"]),
    ]
    said = " ".join(c.text for c in article.departments[1].commitments)
    assert "规模以上工业企业30家" in said and "技改项目40个" in said
