"""Decoding raw input, cleaning page furniture and reading the article's metadata."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from commitments.parsing import parse_article
from commitments.parsing.decoding import decode, is_furniture, split_paragraphs

from .articles import REAL_ARTICLE, make_article, sample

WUHAN = ZoneInfo("Asia/Shanghai")


def summary(article):
    """What a reader sees of a parse: departments, officials and commitment titles."""
    return [
        (department.name, department.official.name, [c.title for c in department.commitments])
        for department in article.departments
    ]


def test_article_text_is_the_decoded_original_with_its_furniture():
    raw = REAL_ARTICLE.read_bytes()
    article = parse_article(raw)
    assert article.text == raw.decode("utf-8")
    assert "展开频道 收起频道" in article.text and "一周热门" in article.text


def test_bytes_and_str_give_the_same_parse():
    raw = REAL_ARTICLE.read_bytes()
    assert parse_article(raw).to_dict() == parse_article(raw.decode("utf-8")).to_dict()


def test_utf8_byte_order_mark_is_dropped_from_bytes_and_from_text():
    text = sample("variants.txt").decode("utf-8")
    with_bom = parse_article(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert with_bom.text == text
    assert parse_article("\ufeff" + text).text == text


def test_gb18030_bytes_are_detected_and_parse_like_utf8():
    text = sample("variants.txt").decode("utf-8")
    from_gb = parse_article(text.encode("gb18030"))
    assert from_gb.text == text
    assert summary(from_gb) == summary(parse_article(text))


def test_gbk_bytes_of_the_real_article_are_detected():
    # GBK has no no-break space: a GBK page has plain spaces in its breadcrumb.
    text = REAL_ARTICLE.read_text(encoding="utf-8").replace("\xa0", " ")
    article = parse_article(text.encode("gbk"))
    assert article.text == text
    assert len(article.departments) == 11


def test_crlf_line_ends_are_normalised_and_spans_index_the_normalised_text():
    text = REAL_ARTICLE.read_text(encoding="utf-8")
    article = parse_article(text.replace("\n", "\r\n").encode("utf-8"))
    assert article.text == text
    assert summary(article) == summary(parse_article(text))
    commitment = article.departments[6].commitments[1]
    assert article.text[commitment.start : commitment.end] == commitment.text


def test_lone_carriage_returns_count_as_line_ends():
    assert decode("第一行\r第二行\r\n第三行") == "第一行\n第二行\n第三行"


def test_paragraphs_are_stripped_lines_with_exact_spans():
    text = "标题\n\n  市统计局局长张三:\u3000\n\xa0正文。"
    paragraphs = split_paragraphs(text)
    assert [p.text for p in paragraphs] == ["标题", "市统计局局长张三:", "正文。"]
    assert [p.line for p in paragraphs] == [1, 3, 4]
    assert all(text[p.start : p.end] == p.text for p in paragraphs)


@pytest.mark.parametrize(
    "line",
    [
        "展开频道 收起频道",
        "新闻中心\xa0>\xa0武汉",
        "新闻中心 > 武汉 > 正文",
        "【字体:",
        "【字体：大 中 小】",
        "一周热门",
        "分享到:微信 微博",
        "【打印】",
        "关闭窗口",
        "当前位置：首页 > 政务动态",
        "上一篇：区长主持召开常务会议",
        "【纠错】",
        "江城新闻网版权所有，未经书面授权禁止使用",
        "鄂ICP备12345678号-1　鄂公网安备 42010302000123号",
        "（本版图片由受访单位提供）",
        "图片均由市交通运输局提供",
    ],
)
def test_page_furniture_is_recognised(line):
    assert is_furniture(split_paragraphs(line)[0])


@pytest.mark.parametrize(
    "line", ["市统计局党组书记、局长张劲:", "统计体系现代化。探索建立……", "(记者马振华 黄丽娟)",
             "今年将由市财政提供专项资金5000万元。"]
)
def test_article_lines_are_not_furniture(line):
    assert not is_furniture(split_paragraphs(line)[0])


def test_metadata_of_the_real_article():
    article = parse_article(REAL_ARTICLE.read_bytes())
    assert article.title == "在建设现代化大武汉新征程中乘风破浪——贯彻落实市委十三届十次全会精神谈发展③"
    assert article.published_at == datetime(2020, 12, 22, 7, 8, tzinfo=WUHAN)
    assert article.published_at.utcoffset().total_seconds() == 8 * 3600
    assert article.source == "长江网"
    assert article.editor == "张靖"
    assert article.reporters[:3] == ["马振华", "黄丽娟", "陶常宁"] and len(article.reporters) == 11
    assert article.correspondents[-1] == "孙晓" and len(article.correspondents) == 8
    assert article.credits["统筹"] == ["倪宁"]


def test_chinese_dates_full_width_colons_and_bracketed_editor_are_read():
    article = parse_article(sample("variants.txt"))
    assert article.title == "各部门谈“十四五”发展(测试样稿)"
    assert article.published_at == datetime(2021, 1, 5, 8, 30, tzinfo=WUHAN)
    assert article.source == "长江网"
    assert article.editor == "刘芳"
    assert article.credits == {"记者": ["王明", "黄英"], "通讯员": ["李红"], "统筹": ["张强"]}


def test_a_date_without_time_is_midnight_in_wuhan():
    text = make_article("市统计局局长张三:", "统计先行", "推进统计现代化改革。").replace(
        "2021-01-05 08:30 来源: 长江网", "2020年12月22日 来源:长江日报"
    )
    article = parse_article(text)
    assert article.published_at == datetime(2020, 12, 22, tzinfo=WUHAN)
    assert article.source == "长江日报"


def test_an_article_without_dateline_has_no_date():
    text = make_article("市统计局局长张三:", "统计先行", "推进统计现代化改革。").replace(
        "2021-01-05 08:30 来源: 长江网", ""
    )
    article = parse_article(text)
    assert article.published_at is None and article.source == ""
    assert article.to_dict()["article"]["published_at"] is None
