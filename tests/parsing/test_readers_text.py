"""The plain-text reader: decoding, refusals, the same-length parse text and the original URL."""

import pytest

from commitments.parsing.errors import ArticleParseError
from commitments.parsing.readers import READERS, SourceText, read_source

from .articles import REAL_ARTICLE, sample

ARTICLE = (
    "各部门谈“十四五”发展\n"
    "2021-01-05 08:30 来源:长江网\n"
    "市商务局局长张三:\n"
    "到2025年,社会消费品零售总额达到1,000亿元(力争),12:30前完成3.5%的增长!能否实现?能;\n"
    "原文链接:https://news.example.cn/2021/01/05/a.html?id=1,2\n"
)


def test_plain_text_is_read_by_the_text_reader_as_it_is():
    source = read_source(ARTICLE.encode("utf-8"), filename="article.txt")
    assert isinstance(source, SourceText)
    assert source.format == "text" and source.text == ARTICLE and source.title_hint is None


def test_the_real_article_reads_unchanged_and_only_its_punctuation_is_normalised():
    raw = REAL_ARTICLE.read_bytes()
    source = read_source(raw)
    assert source.text == raw.decode("utf-8")
    assert len(source.parse_text) == len(source.text)
    changed = {(a, b) for a, b in zip(source.text, source.parse_text) if a != b}
    assert changed <= {(",", "，"), (":", "："), (";", "；"), ("(", "（"), (")", "）"), ("?", "？"),
                       ("!", "！")}


def test_half_width_punctuation_becomes_full_width_except_inside_numbers_and_urls():
    source = read_source(ARTICLE)
    line = source.parse_text.split("\n")[3]
    assert line == "到2025年，社会消费品零售总额达到1,000亿元（力争），12:30前完成3.5%的增长！能否实现？能；"
    assert source.parse_text.split("\n")[2] == "市商务局局长张三："
    assert source.parse_text.endswith("原文链接：https://news.example.cn/2021/01/05/a.html?id=1,2\n")


def test_full_width_punctuation_and_the_text_stay_as_they_are():
    text = "市统计局局长李四：“十四五”期间，将推进统计现代化（试点）。\n"
    assert read_source(text).parse_text == text


def test_spans_found_in_parse_text_point_to_the_same_words_in_text():
    source = read_source(ARTICLE)
    start = source.parse_text.index("（力争）")
    assert source.text[start : start + 4] == "(力争)"


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("原文链接:https://www.cjn.cn/news/2021-01/05/content_1.htm",
         "https://www.cjn.cn/news/2021-01/05/content_1.htm"),
        ("来源网址：http://hb.example.com.cn/a/123.shtml。", "http://hb.example.com.cn/a/123.shtml"),
        ("（原文地址：https://example.org/x?a=1&b=2）", "https://example.org/x?a=1&b=2"),
        ("http://www.example.gov.cn/art/2021/1/5/art_1.html",
         "http://www.example.gov.cn/art/2021/1/5/art_1.html"),
        ("URL: https://example.net/p/9", "https://example.net/p/9"),
    ],
)
def test_the_original_address_is_read_from_a_url_line(line, url):
    source = read_source(f"标题\n市商务局局长张三:\n将推进改革。\n{line}\n")
    assert source.url == url


def test_a_labelled_address_wins_over_an_address_quoted_in_the_body():
    text = "标题\n详情可登录 http://service.example.cn 查询。\n原文链接：https://news.example.cn/a.html\n"
    assert read_source(text).url == "https://news.example.cn/a.html"


def test_text_without_an_address_has_no_url():
    assert read_source(sample("variants.txt")).url is None


def test_an_address_given_in_a_sentence_is_not_the_articles():
    text = "标题\n市政务服务局局长王五表示，市民可登录 http://zwfw.example.gov.cn 办理。\n"
    assert read_source(text).url is None


def test_gb18030_bytes_and_a_bom_are_decoded():
    assert read_source(ARTICLE.encode("gb18030")).text == ARTICLE
    assert read_source(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")).text == ARTICLE
    assert read_source(ARTICLE.replace("\n", "\r\n").encode("utf-8")).text == ARTICLE


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xe6\xa0\x87\xe9\xa2\x98\n\x00\x01\x02",
         "Line 2 holds a NUL byte: the input is binary data, not text."),
        (b"   \n\n", "The input is empty: no line holds any text."),
        ("", "The input is empty: no line holds any text."),
        (b"\xe6\xa0\x87\n\xff\xfe\xfa", "Line 2 is neither UTF-8 nor GB18030"),
    ],
)
def test_unreadable_input_is_refused_in_one_sentence_naming_the_line(raw, message):
    with pytest.raises(ArticleParseError) as error:
        read_source(raw)
    assert str(error.value).startswith(message)


def test_input_over_five_megabytes_is_refused_before_reading():
    with pytest.raises(ArticleParseError, match="over the 5 MB limit"):
        read_source("标" * (2 * 1024 * 1024))
    with pytest.raises(ArticleParseError, match="over the 5 MB limit"):
        read_source(b"<html>" + b"a" * (5 * 1024 * 1024))


def test_the_text_reader_comes_last_and_accepts_anything():
    assert READERS[-1].FORMAT == "text"
    assert READERS[-1].accepts(b"\x00anything")


def test_parse_text_of_other_length_is_refused_by_the_dataclass():
    with pytest.raises(ValueError):
        SourceText("ab", "a", "text")


def test_full_width_digits_letters_and_percent_are_parsed_as_ascii():
    text = "市经信局局长张三：到２０２５年新建５Ｇ基站１，０００个，增长３．５％。\n"
    source = read_source(text)
    assert source.text == text
    assert source.parse_text == "市经信局局长张三：到2025年新建5G基站1,000个，增长3.5%。\n"
    assert read_source("12：30开会，2020年，2021年。\n").parse_text == "12:30开会，2020年，2021年。\n"


@pytest.mark.parametrize(
    ("raw", "name"),
    [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
     (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document")],
)
def test_a_document_of_a_format_no_reader_reads_is_named_in_the_refusal(raw, name):
    with pytest.raises(ArticleParseError, match=f"^The input is {name}"):
        read_source(raw + b"\x00" * 20)
