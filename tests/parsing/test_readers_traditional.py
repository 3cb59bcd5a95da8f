"""Traditional characters: parsed as simplified, every span still pointing into the original."""

import re

import pytest

from commitments.parsing.readers import normalise, read_source
from commitments.parsing.readers.normalise import parse_text_of, simplified

TRADITIONAL = (
    "各部門談「十四五」發展\n"
    "2021-01-05 08:30 來源：長江網\n"
    "市商務局黨組書記、局長張衛東表示,「十四五」期間,將加快建設國際消費中心城市。\n"
    "他說:到2025年,社會消費品零售總額力爭突破8,000億元(約佔全省四成)。\n"
    "『我們要把夜間經濟做成城市名片。』張衛東說。\n"
)
SIMPLIFIED = (
    "各部门谈“十四五”发展\n"
    "2021-01-05 08:30 来源：长江网\n"
    "市商务局党组书记、局长张卫东表示，“十四五”期间，将加快建设国际消费中心城市。\n"
    "他说：到2025年，社会消费品零售总额力争突破8,000亿元（约占全省四成）。\n"
    "‘我们要把夜间经济做成城市名片。’张卫东说。\n"
)


def test_traditional_text_is_kept_and_parsed_as_simplified_with_full_width_punctuation():
    source = read_source(TRADITIONAL.encode("utf-8"))
    assert source.text == TRADITIONAL
    assert source.parse_text == SIMPLIFIED


def test_every_word_found_in_parse_text_is_the_same_word_in_text():
    source = read_source(TRADITIONAL)
    for word, original in [("局长张卫东", "局長張衛東"), ("力争突破8,000亿元", "力爭突破8,000億元"),
                           ("“十四五”期间", "「十四五」期間"), ("（约占全省四成）", "(約佔全省四成)")]:
        start = source.parse_text.index(word)
        assert source.text[start : start + len(word)] == original


def test_a_simplified_text_is_not_converted_even_where_t2s_would_change_a_character():
    # 乾坤 and 著 are simplified text too: only a text that reads traditional is converted.
    text = "市文旅局局长李四：将扭转乾坤，成效显著，著力推进文旅融合。\n「引号」照旧。\n"
    assert simplified(text) == text
    assert parse_text_of(text) == text  # nothing half-width to widen


def test_a_few_traditional_names_quoted_in_a_simplified_article_do_not_convert_it():
    text = "市商务局局长张三表示，将加强与臺灣地区的经贸合作，推进" + "消费中心城市建设，" * 20 + "。\n"
    assert simplified(text) == text


class _Lengthening:
    """A converter whose phrase table changes lengths (as a t2s phrase rarely may)."""

    def convert(self, text):
        return re.sub("裡面", "里", text.replace("發", "发").replace("展", "展"))


def test_a_line_whose_conversion_changes_length_is_converted_character_by_character(monkeypatch):
    monkeypatch.setattr(normalise, "_converter", lambda: _Lengthening())
    text = "發發發發展裡面\n發展發展\n"
    result = simplified(text)
    assert len(result) == len(text)
    assert result == "发发发发展裡面\n发展发展\n"


@pytest.mark.parametrize(
    "line", ["建設1,000個5G基站", "12:30開會", "增長3.5%", "http://a.example/x?a=1,b=2"]
)
def test_numbers_and_addresses_keep_their_half_width_punctuation(line):
    text = "市商務局黨組書記、局長張衛東表示將" + line + "\n"
    converted = parse_text_of(text)
    assert len(converted) == len(text)
    for kept in re.findall(r"\d[,:.]\d|https?://\S+", line):
        assert kept in converted


def test_a_traditional_page_saved_as_big5_is_decoded_by_its_charset():
    body = "<p>市交通運輸局局長黃志強表示，「十四五」期間將新建城市快速路120公里。</p>"
    page = f'<html><head><meta charset="big5"></head><body>{body}</body></html>'
    source = read_source(page.encode("big5"))
    assert source.text == "市交通運輸局局長黃志強表示，「十四五」期間將新建城市快速路120公里。\n"
    assert source.parse_text == "市交通运输局局长黄志强表示，“十四五”期间将新建城市快速路120公里。\n"


def test_traditional_text_in_big5_is_not_read_as_gb18030_gibberish():
    source = read_source(TRADITIONAL.encode("big5"))
    assert source.text == TRADITIONAL
    assert source.parse_text == SIMPLIFIED


def test_a_page_in_big5_without_a_declared_charset_is_read_as_big5():
    body = "<p>市交通運輸局局長黃志強表示，「十四五」期間將新建城市快速路120公里，軌道交通運營里程力爭突破600公里。</p>"
    page = f"<html><head><title>交通</title></head><body>{body}</body></html>"
    source = read_source(page.encode("big5"))
    assert source.text.startswith("市交通運輸局局長黃志強表示")


def test_gb18030_text_is_still_read_as_gb18030():
    text = "市统计局局长张三：推进统计现代化改革，建设统计大数据平台。\n"
    assert read_source(text.encode("gb18030")).text == text


def test_the_seed_article_in_traditional_characters_parses_like_the_original():
    import opencc

    from commitments.parsing import parse_article

    from .articles import REAL_ARTICLE

    original = REAL_ARTICLE.read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(original)
    assert traditional != original and len(traditional) == len(original)
    simplified_parse, traditional_parse = parse_article(original), parse_article(traditional)
    assert traditional_parse.text == traditional

    def summary(article):
        return [(d.name, d.official.name, len(d.commitments)) for d in article.departments]

    assert summary(traditional_parse) == summary(simplified_parse)
    assert len(traditional_parse.departments) == 11
    for department in traditional_parse.departments:
        for commitment in department.commitments:
            assert traditional_parse.text[commitment.start : commitment.end] == commitment.text
    assert traditional_parse.published_at == simplified_parse.published_at
