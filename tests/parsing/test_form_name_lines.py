"""Name lines without a colon and with spaces (县发展和改革局局长 程立志), county and township
levels, a compound surname, and an article cut short."""

import pytest

from commitments.parsing import parse_article

from .forms import (
    all_commitments,
    commitment_matches,
    departments_of,
    parse,
    targets_of,
)

EXPECTED = {
    "县发展和改革局": ["推动县经济开发区扩区调位", "我们要抢抓长江经济带发展机遇"],
    "县交通运输局": ["县交通运输局将启动青溪至宜昌高速公路前期工作"],
    "马桥镇": ["马桥镇要做强蔬菜产业", "镇里还将新建村级养老服务中心5个"],
    "青溪镇": ["青溪镇将发展茶叶和柑橘两大特色产业", "我们还将实施人居环境整治"],
}


@pytest.fixture(scope="module")
def article():
    return parse("nameline-county.txt")


def test_name_lines_open_blocks(article):
    assert departments_of(article) == [
        ("县发展和改革局", "程立志", ["局长"]),
        ("县交通运输局", "罗勇", ["局长"]),
        ("马桥镇", "欧阳春燕", ["镇长"]),
        ("青溪镇", "何光明", ["党委书记"]),
    ]


def test_commitments(article):
    assert commitment_matches(article, EXPECTED) == ([], [], [])
    assert not [c for c in all_commitments(article) if "累计建成农村公路" in c.text]
    assert not [c for c in all_commitments(article) if "同比增长8.6%" in c.text]


def test_targets_and_baselines(article):
    assert (60.0, "家", 2026, "quantity") in targets_of(article)
    assert (300.0, "公里", 2022, "quantity") in targets_of(article)
    assert set(targets_of(article, "baseline")) == {
        (8.6, "%", 2020, "baseline"), (1100.0, "公里", 2020, "baseline")
    }


def test_a_county_gets_no_goals(article):
    assert article.city != "武汉"
    assert all(c.goals == [] for c in all_commitments(article))


def test_a_text_cut_short_parses_with_a_warning_naming_where_it_ends(article):
    (warning,) = article.warnings
    lines = article.text.split("\n")
    last = max(i for i, line in enumerate(lines, start=1) if line.strip())
    assert f"line {last}" in warning and "力争" in warning and "cut short" in warning


def test_a_continuation_mark_is_warned_about():
    from commitments.parsing import parse_article

    from .forms import ARTICLES

    text = (ARTICLES / "nameline-county.txt").read_text(encoding="utf-8")
    text = text.replace("，力争\n", "。\n\n（未完待续）\n")
    (warning,) = parse_article(text).warnings
    assert "未完待续" in warning


def test_a_unit_followed_by_its_head_in_brackets_is_a_speaker_line():
    article = parse_article("\n\n".join([
        "部门新年任务单",
        "2026-01-20 07:30 来源：江城日报",
        "1. 市经信局（局长 赵振宇）",
        "今年全市新增规模以上工业企业400家。",
        "2. 市卫健委（党组书记、主任 程浩然）",
        "到2030年，婴儿死亡率控制在2‰以下。",
    ]))
    assert [(d.name, d.official.name, d.official.titles) for d in article.departments] == [
        ("市经信局", "赵振宇", ["局长"]), ("市卫健委", "程浩然", ["党组书记", "主任"]),
    ]
    (target,) = [t for t in article.departments[1].commitments[0].targets if t.kind == "quantity"]
    assert (target.value, target.unit, target.year) == (2, "‰", 2030)


def test_a_section_named_for_its_unit_has_its_head_named_by_post_alone():
    article = parse_article("\n\n".join([
        "市直部门“一把手”谈新年打算",
        "2022-12-28 08:12　来源：江城日报",
        "市医保局：让群众看病更省心",
        "说起明年的工作，该局局长王红梅表示，明年将新设“医保服务站”200个。",
        "【市交通运输局】局长吴振华表示，明年全市将新改建农村公路200公里。（记者 钱一鸣）",
    ]))
    assert [(d.name, d.official.name) for d in article.departments] == [
        ("市医保局", "王红梅"), ("市交通运输局", "吴振华"),
    ]
    assert ["医保服务站" in c.text for c in article.departments[0].commitments] == [True]


def test_a_district_section_titled_with_its_place_has_its_head_named_by_post_alone():
    article = parse_article("\n\n".join([
        "新城区跑出加速度", "2021-01-22 07:30 来源：江城日报",
        "1月21日，记者走进四个新城区，听区长们讲述发展蓝图。",
        "江夏：打造大健康产业园", "区长 吴家明", "“十四五”期间，我们将引进生物医药企业200家。",
        "汉南：建设通航产业新城", "区长 郑文涛", "今年将新建通用机场1座。",
    ]))
    assert [(d.name, d.official.name, d.official.titles) for d in article.departments] == [
        ("江夏区", "吴家明", ["区长"]), ("汉南区", "郑文涛", ["区长"]),
    ]
    assert [len(d.commitments) for d in article.departments] == [1, 1]
