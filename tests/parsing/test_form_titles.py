"""The wider title grammar: levels from 省 to 乡镇, concurrent roles, two units, party secretaries
of a place, names (compound surnames, never a title fragment), and speakers named in prose."""

import pytest

from commitments.parsing import parse_article
from commitments.parsing.speakers import find_mentions, is_name, split_head

from .articles import make_article


@pytest.mark.parametrize(
    ("head", "unit", "titles", "name"),
    [
        ("武汉市市长程立新", "武汉市", ("市长",), "程立新"),
        ("武汉市副市长王红", "武汉市", ("副市长",), "王红"),
        ("武汉市委书记高志远", "武汉市", ("市委书记",), "高志远"),
        ("杭州市西湖区区长周立新", "杭州市西湖区", ("区长",), "周立新"),
        ("青溪县委书记孟凡", "青溪县", ("县委书记",), "孟凡"),
        ("青溪县县长邓文", "青溪县", ("县长",), "邓文"),
        ("马桥镇镇长欧阳春燕", "马桥镇", ("镇长",), "欧阳春燕"),
        ("石门乡乡长田力", "石门乡", ("乡长",), "田力"),
        ("青溪镇党委书记何光明", "青溪镇", ("党委书记",), "何光明"),
        ("湖北省发展和改革委员会主任刘国胜", "湖北省发展和改革委员会", ("主任",), "刘国胜"),
        ("省交通运输厅厅长吴平", "省交通运输厅", ("厅长",), "吴平"),
        ("市人大代表、市交通运输局局长黄国庆", "市交通运输局", ("市人大代表", "局长"), "黄国庆"),
        (
            "开发区党工委副书记、铁山区区长陈默",
            "铁山区",
            ("开发区党工委副书记", "区长"),
            "陈默",
        ),
        ("江岸区委常委、常务副区长孙燕", "江岸区", ("区委常委", "常务副区长"), "孙燕"),
        ("市委常委、常务副市长李强国", "市委", ("市委常委", "常务副市长"), "李强国"),
        ("东湖高新区管委会副主任司马南", "东湖高新区", ("管委会副主任",), "司马南"),
    ],
)
def test_units_titles_and_names(head, unit, titles, name):
    assert split_head(head) == (unit, titles, name)


@pytest.mark.parametrize("name", ["欧阳春燕", "司马南", "王红", "程立新"])
def test_names(name):
    assert is_name(name)


@pytest.mark.parametrize("name", ["局长", "张局长", "王明表示", "副主任", "李四同在", "张三四五"])
def test_title_fragments_and_long_runs_are_no_names(name):
    assert not is_name(name)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("市商务局党组书记、局长汪建华表示，", ("市商务局", ("党组书记", "局长"), "汪建华")),
        ("会上，市商务局局长汪建华说，", ("市商务局", ("局长",), "汪建华")),
        ("据市统计局局长张劲介绍，", ("市统计局", ("局长",), "张劲")),
        ("记者专访了杭州市西湖区委副书记、区长周立新。", ("杭州市西湖区", ("区委副书记", "区长"), "周立新")),
        ("市发展和改革委员会主任王某1月4日表示，", ("市发展和改革委员会", ("主任",), "王某")),
        ("市地方金融工作局局长余文化在接受记者采访时表示，", ("市地方金融工作局", ("局长",), "余文化")),
    ],
)
def test_speakers_named_in_prose(sentence, expected):
    (mention,) = find_mentions(sentence)
    assert (mention.unit, mention.titles, mention.name) == expected


def test_a_bare_city_party_secretary_speaks_for_the_city():
    article = parse_article(make_article("市委书记高志远:", "五年谋划", "加快建设国家中心城市。"))
    assert [(d.name, d.official.titles) for d in article.departments] == [("武汉市", ["市委书记"])]


def test_a_title_line_that_is_itself_a_speaker_line():
    text = "\n".join([
        "市商务局局长张卫东：十四五期间打造国际消费中心城市",
        "2021-01-12 08:30 来源：长江网",
        "本报讯 记者从市商务局获悉，今年我市消费市场加快恢复。",
        "张卫东介绍，“十四五”期间，我市将推动商贸流通提档升级，新建智慧商圈10个。",
        "张局长说，下一步将加快培育世界级商圈。",
    ])
    article = parse_article(text)
    assert article.title == "市商务局局长张卫东：十四五期间打造国际消费中心城市"
    (department,) = article.departments
    assert (department.name, department.official.name, department.headline) == ("市商务局", "张卫东", "")
    # A title states the action: subject and modal (我市将, 下一步将) are dropped.
    assert [c.title for c in department.commitments] == ["推动商贸流通提档升级", "加快培育世界级商圈"]


def test_a_title_naming_only_a_post_finds_its_holder_and_their_report():
    text = "\n".join([
        "东西湖区区长：五年内建成网络安全创新基地",
        "发布时间：2021-01-09 16:00 来源：东西湖区融媒体中心",
        "1月8日，区人民代表大会开幕。区长张晓峰代表区人民政府作工作报告。",
        "报告提出，今后五年，东西湖区将全力建设网络安全人才与创新基地，集聚网络安全企业300家以上。",
        "张晓峰表示，东西湖区要打造空港型国家物流枢纽。",
    ])
    article = parse_article(text)
    (department,) = article.departments
    assert (department.name, department.official.name, department.official.titles) == (
        "东西湖区", "张晓峰", ["区长"]
    )
    assert [c.title for c in department.commitments] == [
        "全力建设网络安全人才与创新基地", "打造空港型国家物流枢纽"
    ]
    assert article.city == "武汉"


@pytest.mark.parametrize(
    "line",
    ["汪建华（市商务局党组书记、局长）：", "汪建华 市商务局党组书记、局长", "市商务局党组书记、局长 汪建华"],
)
def test_name_first_and_spaced_speaker_lines(line):
    article = parse_article(make_article(line, "将推进跨境电商综合试验区建设。"))
    assert [(d.name, d.official.name, d.official.titles) for d in article.departments] == [
        ("市商务局", "汪建华", ["党组书记", "局长"])
    ]


def test_the_same_person_under_short_and_full_unit_names_is_one_department():
    article = parse_article(make_article(
        "市发展和改革委员会主任王某表示，今后五年，我市将全力建设国家中心城市。",
        "市发改委主任王某说，将推进多式联运发展。",
    ))
    assert [(d.name, len(d.commitments)) for d in article.departments] == [("市发展和改革委员会", 2)]
