"""Speaker lines split by a grammar of titles; headlines; aliases derived by rule."""

import pytest

from commitments.parsing import parse_article
from commitments.parsing.aliases import department_aliases
from commitments.parsing.speakers import split_head

from .articles import make_article, sample


@pytest.mark.parametrize(
    ("head", "unit", "titles", "name"),
    [
        ("市人力资源和社会保障局党组书记、局长孙志军", "市人力资源和社会保障局", ("党组书记", "局长"), "孙志军"),
        ("市文化和旅游局党委书记、局长杨相卫", "市文化和旅游局", ("党委书记", "局长"), "杨相卫"),
        ("市统计局局长张劲", "市统计局", ("局长",), "张劲"),
        ("市经济和信息化局副局长陈刚", "市经济和信息化局", ("副局长",), "陈刚"),
        ("市扶贫办党组书记、主任吴大志", "市扶贫办", ("党组书记", "主任"), "吴大志"),
        ("市合作交流办主任钱明", "市合作交流办", ("主任",), "钱明"),
        ("市卫生健康委副主任陈晓梅", "市卫生健康委", ("副主任",), "陈晓梅"),
        ("市发展和改革委员会党组书记、主任李卫东", "市发展和改革委员会", ("党组书记", "主任"), "李卫东"),
        ("市人民政府办公室党组成员、副主任赵志刚", "市人民政府办公室", ("党组成员", "副主任"), "赵志刚"),
        ("东湖高新区党工委副书记、管委会主任王一", "东湖高新区", ("党工委副书记", "管委会主任"), "王一"),
        ("江岸区委副书记、区长张伟", "江岸区", ("区委副书记", "区长"), "张伟"),
        ("洪山区委书记刘明", "洪山区", ("区委书记",), "刘明"),
        ("蔡甸区区长欧阳晓明", "蔡甸区", ("区长",), "欧阳晓明"),
        ("市审计局党组书记、局长、一级巡视员刘生华", "市审计局", ("党组书记", "局长", "一级巡视员"), "刘生华"),
    ],
)
def test_speaker_head_splits_into_unit_titles_and_name(head, unit, titles, name):
    assert split_head(head) == (unit, titles, name)


@pytest.mark.parametrize(
    "line",
    [
        "市委十三届十次全会提出:要实现巩固拓展脱贫攻坚成果与乡村振兴有效衔接。",
        "2020-12-22 07:08 来源: 长江网",
        "【编辑:张靖】",
        "12月18日,市委十三届十次全会召开,为武汉锚定未来五年发展目标:加快打造“五个中心”",
        "重点抓好三件事:",
    ],
)
def test_lines_that_are_not_speakers_do_not_open_a_block(line):
    article = parse_article(make_article(line, "市统计局局长张三:", "统计先行", "推进统计现代化改革。"))
    assert [d.name for d in article.departments] == ["市统计局"]


def test_headline_on_its_own_line_is_the_paragraph_after_the_speaker():
    text = make_article("市统计局党组书记、局长张劲:", "“五化统计”助力武汉“五个中心”建设", "统计体系现代化。探索建立统计调查体系。")
    article = parse_article(text)
    department = article.departments[0]
    assert department.headline == "“五化统计”助力武汉“五个中心”建设"
    assert article.text[department.headline_start : department.headline_end] == department.headline


def test_headline_on_the_speaker_line_after_the_colon():
    article = parse_article(sample("variants.txt"))
    department = article.departments[0]
    assert (department.name, department.official.name) == ("市经济和信息化局", "王建国")
    assert department.official.titles == ["局长"]
    assert department.headline == "推动制造业高质量发展"
    assert article.text[department.headline_start : department.headline_end] == "推动制造业高质量发展"
    assert department.commitments[0].title == "加快发展先进制造业"


def test_a_block_without_headline_starts_with_prose():
    article = parse_article(make_article("市统计局局长张三:", "推进统计现代化改革,完善统计调查体系。"))
    department = article.departments[0]
    assert department.headline == ""
    assert [c.title for c in department.commitments] == ["推进统计现代化改革"]


def test_every_variant_of_unit_and_title_in_one_article():
    article = parse_article(sample("variants.txt"))
    found = [(d.name, d.official.titles, d.official.name) for d in article.departments]
    assert found == [
        ("市经济和信息化局", ["局长"], "王建国"),
        ("市发展和改革委员会", ["党委书记", "主任"], "李卫东"),
        ("市卫生健康委", ["副主任"], "陈晓梅"),
        ("市人民政府办公室", ["党组成员", "副主任"], "赵志刚"),
        ("市合作交流办", ["党组书记", "主任"], "钱明"),
        ("江岸区", ["区委副书记", "区长"], "张伟"),
    ]


def test_a_paragraph_opening_with_reporter_is_body_text_not_the_credits():
    text = make_article(
        "市统计局局长张三:", "统计先行", "记者从市统计局获悉,今年将推进统计现代化改革。", "加强统计执法。"
    )
    commitments = parse_article(text).departments[0].commitments
    assert [c.title for c in commitments] == ["推进统计现代化改革", "加强统计执法"]


def test_intro_paragraphs_before_the_first_speaker_are_not_commitments():
    article = parse_article(sample("variants.txt"))
    texts = [c.text for d in article.departments for c in d.commitments]
    assert not any("谋划“十四五”发展" in text for text in texts)


@pytest.mark.parametrize(
    ("unit", "block_text", "aliases"),
    [
        ("市市场监督管理局", "市市场监管局将坚决贯彻落实。", ["市市场监管局"]),
        ("市城乡建设局", "市城建局认真学习。", ["市城建局"]),
        ("市人力资源和社会保障局", "人社部门将深入贯彻。", ["市人社局"]),
        ("市发展和改革委员会", "发改部门牵头。", ["市发改委"]),
        ("市文化和旅游局", "擦亮一批文旅商业街区品牌。", ["市文旅局"]),
        # An abbreviation the block never uses is not evidence.
        ("市文化和旅游局", "市文化和旅游局将按照全会精神。", []),
        # 大数据管理 is too long a conjunct to abbreviate by its first character.
        ("市政务服务和大数据管理局", "深化政务服务改革,推进大数据管理。", []),
        ("市统计局", "市统计局认真学习贯彻。", []),
    ],
)
def test_aliases_are_derived_by_rule_from_the_name_and_the_block(unit, block_text, aliases):
    assert department_aliases(unit, block_text) == aliases


def test_a_name_inside_the_full_name_is_no_alias():
    assert department_aliases("市市场监督管理局", "市市场监督管理局党组书记。") == []
