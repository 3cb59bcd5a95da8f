"""Commitments: headed paragraphs, enumerated items, action sentences; framing left out."""

import pytest

from commitments.parsing import parse_article

from .articles import make_article, sample


def commitments_of(*paragraphs):
    """The (title, text) of each commitment of one block made of these paragraphs."""
    article = parse_article(make_article("市统计局党组书记、局长张三:", "统计先行", *paragraphs))
    commitments = article.departments[0].commitments
    assert all(article.text[c.start : c.end] == c.text for c in commitments)
    return [(c.title, c.text) for c in commitments]


def test_a_paragraph_opening_with_a_heading_is_one_commitment_titled_by_it():
    paragraph = "千方百计稳定和扩大就业。要扩大就业容量,提升就业质量。加强就业政策协调。"
    assert commitments_of(paragraph) == [("千方百计稳定和扩大就业", paragraph)]


def test_a_heading_without_verb_still_titles_its_paragraph():
    paragraph = "统计体系现代化。探索建立具有武汉特点的现代化统计调查体系。"
    assert commitments_of(paragraph) == [("统计体系现代化", paragraph)]


def test_yi_shi_er_shi_items_are_one_commitment_each():
    found = commitments_of("一是加快发展先进制造业;二是推进工业互联网建设;三是实施技改提能行动。")
    assert found == [
        ("加快发展先进制造业", "加快发展先进制造业"),
        ("推进工业互联网建设", "推进工业互联网建设"),
        ("实施技改提能行动", "实施技改提能行动。"),
    ]


def test_sentences_after_a_run_of_items_are_read_on_their_own():
    found = commitments_of("一是完善统计制度;二是加强统计执法。同时,推进统计信息化建设。我们将只争朝夕。")
    assert [title for title, _ in found] == ["完善统计制度", "加强统计执法", "推进统计信息化建设"]


def test_parenthesised_numerals_in_one_paragraph_are_items():
    found = commitments_of("(一)做大经济总量。五年内迈上新台阶。(二)扩大对外开放,深化友城合作。")
    assert found == [
        ("做大经济总量", "做大经济总量。五年内迈上新台阶。"),
        ("扩大对外开放", "扩大对外开放,深化友城合作。"),
    ]


def test_full_width_parenthesised_items_one_per_paragraph():
    found = commitments_of("（一）做大经济总量。五年内迈上新台阶。", "（二）扩大对外开放。深化友城合作。")
    assert found == [
        ("做大经济总量", "做大经济总量。五年内迈上新台阶。"),
        ("扩大对外开放", "扩大对外开放。深化友城合作。"),
    ]


def test_di_yi_di_er_items_after_an_announcing_lead_in():
    found = commitments_of("今后五年,重点抓好两件事:第一,完善公共卫生体系;第二,推进医疗资源均衡布局。")
    assert found == [
        ("完善公共卫生体系", "完善公共卫生体系"),
        ("推进医疗资源均衡布局", "推进医疗资源均衡布局。"),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "新建第一批统计示范点,推进统计规范化。",  # 第一批 is no item
        "加强统计执法,唯一是从数据出发。",  # 一是 inside a word
        "培育二是为了发展,推进统计规范化。",  # an enumeration starts at one
    ],
)
def test_numerals_that_do_not_enumerate_leave_the_sentences_whole(paragraph):
    assert all(len(text) > 8 for _, text in commitments_of(paragraph))


def test_other_paragraphs_give_one_commitment_per_action_sentence():
    found = commitments_of(
        "做强轨道网、加密道路网、统筹地下管网、发展智慧网;推进新型建筑工业化;实施城市更新行动,强化历史文化保护。"
    )
    assert found == [
        ("做强轨道网、加密道路网、统筹地下管网、发展智慧网", "做强轨道网、加密道路网、统筹地下管网、发展智慧网"),
        ("推进新型建筑工业化", "推进新型建筑工业化"),
        ("实施城市更新行动", "实施城市更新行动,强化历史文化保护。"),
    ]


def test_full_width_punctuation_splits_like_half_width():
    half = commitments_of("推进新型建筑工业化;实施城市更新行动,强化历史文化保护。")
    full = commitments_of("推进新型建筑工业化；实施城市更新行动，强化历史文化保护。")
    assert [title for title, _ in half] == [title for title, _ in full]


def test_the_title_is_the_clause_that_leads_with_the_action():
    found = commitments_of("“十四五”期间,我市城市建设处于转型阶段,要抢抓新基建发展战略机遇,加快培育新动能。")
    assert found[0][0] == "要抢抓新基建发展战略机遇"


@pytest.mark.parametrize(
    "framing",
    [
        "市委十三届十次全会提出,要实现巩固拓展脱贫攻坚成果与乡村振兴有效衔接。",
        "市统计局认真学习贯彻市委十三届十次全会精神,着力打造“五化统计”。",
        "市文化和旅游局将从以下多方面入手,为加快打造“五个中心”做出更大贡献。",
        "人社系统将以更有力的举措,只争朝夕、久久为功,推动民生改善。",
        "现在,我市城市基础设施正从“有没有”向“优不优”转变。",
    ],
)
def test_framing_and_context_sentences_are_not_commitments(framing):
    assert commitments_of(framing + "推进统计现代化改革。") == [("推进统计现代化改革", "推进统计现代化改革。")]


def test_variant_article_commitments():
    article = parse_article(sample("variants.txt"))
    titles = {d.name: [c.title for c in d.commitments] for d in article.departments}
    assert titles == {
        "市经济和信息化局": ["加快发展先进制造业", "推进工业互联网建设", "实施技改提能行动"],
        "市发展和改革委员会": ["做大经济总量", "扩大对外开放"],
        "市卫生健康委": ["完善公共卫生应急管理体系", "推进优质医疗资源均衡布局"],
        "市人民政府办公室": ["深化“放管服”改革"],
        "市合作交流办": ["积极推动与长江中游城市群协作"],
        "江岸区": ["加快建设长江主轴江岸段"],
    }


def test_a_short_judgement_opening_a_paragraph_is_no_heading():
    found = commitments_of("粮食安全是“国之大者”。今年全市新建高标准农田25万亩,培育龙头企业20家。")
    assert [text for _, text in found] == ["今年全市新建高标准农田25万亩,培育龙头企业20家。"]


def test_a_courtesy_opening_an_answer_is_no_heading():
    found = commitments_of("谢谢主持人。今年将新认定高新技术企业200家以上。")
    assert [text for _, text in found] == ["今年将新认定高新技术企业200家以上。"]


def test_each_bulleted_task_is_a_commitment_and_a_bulleted_result_is_not():
    assert commitments_of("✅ 新签约亿元以上项目50个；", "🔸 全年社会消费品零售总额增长6%；") == [
        ("新签约亿元以上项目50个", "新签约亿元以上项目50个"),
        ("全年社会消费品零售总额增长6%", "全年社会消费品零售总额增长6%"),
    ]
    assert commitments_of("▶ 2023年，全区固定资产投资增长8.2%。") == []
