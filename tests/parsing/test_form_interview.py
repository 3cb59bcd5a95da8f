"""An interview (记者:/问: questions, answers under 答: or the official's name; the official named in
the subtitle), from Hangzhou: no 五个中心 goal."""

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


SEVERAL_INTERVIEWS = """对话局长｜三位局长谈新年打算

衢江晚报 2023年2月8日

近日，本报记者专访了市文化和旅游局局长方晓岚。

记者：今年文旅工作的重点是什么？
方局长：今年我们将新建城市书房30个，举办文旅消费季活动100场。

文旅是名片，交通是动脉。采访方晓岚后，记者又来到市交通运输局，专访了局长贺川。

问：今年交通建设有哪些大项目？
贺川：今年全市将新改建农村公路500公里，开通城乡公交线路12条。

在市水利局，局长林默接受了记者专访。

记者：防汛方面有什么安排？
林局长：今年将加固病险水库15座，治理中小河流80公里。
"""


def test_officials_the_reporter_visits_in_turn_each_answer_for_their_department():
    article = parse_article(SEVERAL_INTERVIEWS)
    assert departments_of(article) == [
        ("市文化和旅游局", "方晓岚", ["局长"]),
        ("市交通运输局", "贺川", ["局长"]),
        ("市水利局", "林默", ["局长"]),
    ]
    commitments = {d.name: [c.text for c in d.commitments] for d in article.departments}
    assert all("专访" not in text for texts in commitments.values() for text in texts)
    assert any("病险水库15座" in text for text in commitments["市水利局"])


def test_a_speaker_line_run_into_the_narration_before_it_opens_their_turn():
    article = parse_article("\n\n".join([
        "各部门晒出新年任务单",
        "2023-02-08 08:00 来源：衢江晚报",
        "市科技局局长 王珂",
        "今年将新增高新技术企业300家。",
        "市场监管部门同样拿出了硬任务。市市场监管局局长 石岩",
        "今年将新增市场主体3万户，企业开办全程网办率达到95%。",
    ]))
    assert departments_of(article) == [("市科技局", "王珂", ["局长"]), ("市市场监管局", "石岩", ["局长"])]
    assert [c.text for c in article.departments[0].commitments] == ["今年将新增高新技术企业300家。"]


PRESS_CONFERENCE = """江城市人民政府新闻办公室
《江城市现代服务业发展规划》新闻发布会实录

发布时间：2021-08-20 10:00　来源：江城市人民政府新闻办公室

主持人：欢迎出席今天的新闻发布会。出席今天发布会的有市发展改革委副主任王建勋先生，市商务局局长李慧敏女士，市科技局局长赵鹏飞先生。首先，请王建勋副主任介绍有关情况。

王建勋：谢谢主持人。市发展改革委将每年滚动实施重大项目100个以上。

问：请问在提振消费方面有哪些具体打算？（请问市商务局）

市商务局局长李慧敏：今年，我们将新建改造一刻钟便民生活圈30个。

记者：请问市科技局在科技服务业方面有哪些举措？

答：今年，全市新认定高新技术企业200家以上。

主持人：今天的发布会到此结束。
"""


def test_at_a_press_conference_each_answer_is_the_official_it_was_put_to():
    article = parse_article(PRESS_CONFERENCE)
    assert departments_of(article) == [
        ("市发展改革委", "王建勋", ["副主任"]), ("市商务局", "李慧敏", ["局长"]), ("市科技局", "赵鹏飞", ["局长"]),
    ]
    said = {d.name: " ".join(c.text for c in d.commitments) for d in article.departments}
    assert "高新技术企业200家" in said["市科技局"] and "高新技术企业" not in said["市发展改革委"]
    assert article.title == "《江城市现代服务业发展规划》新闻发布会实录"
