"""Input the parser refuses, each with one sentence that names the line and the problem."""

import pytest

from commitments.parsing import ArticleParseError, parse_article

from .articles import make_article


def refusal(raw):
    with pytest.raises(ArticleParseError) as caught:
        parse_article(raw)
    message = str(caught.value)
    # One sentence: it ends with a full stop and has no other sentence break.
    assert message.endswith(".") and ". " not in message
    return message


def test_parse_error_is_a_value_error():
    assert issubclass(ArticleParseError, ValueError)


@pytest.mark.parametrize("raw", [b"", "", " \n\r\n\t\u3000\n", "\ufeff"])
def test_empty_input_is_refused(raw):
    assert "empty" in refusal(raw)


def test_binary_bytes_with_a_nul_are_refused_naming_the_line():
    message = refusal(b"PNG header\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert message == "Line 4 holds a NUL byte: the input is binary data, not text."


def test_text_full_of_control_characters_is_refused_as_binary():
    message = refusal("市统计局\x01\x02\x03\x04\x05" * 20)
    assert "binary" in message and "U+0001" in message


def test_a_nul_character_in_text_is_refused_even_after_a_stray_control():
    text = make_article("市统计局局长张三:", "统计先行", "推进统计\x07现代化改革。\x00")
    assert "U+0000" in refusal(text)


def test_a_stray_control_character_in_real_text_is_kept():
    text = make_article("市统计局局长张三:", "统计先行", "推进统计现代化改革。\x07")
    assert "\x07" in parse_article(text).text


def test_bytes_neither_utf8_nor_gb18030_are_refused_naming_line_and_byte():
    raw = "第一行\n第二行\n".encode("utf-8") + b"\xff\xfe\xfd broken"
    message = refusal(raw)
    assert message.startswith("Line 3 is neither UTF-8 nor GB18030") and "0xff" in message


def test_an_article_without_speaker_line_is_refused():
    message = refusal(make_article("这是一段普通的新闻正文。", "又一段正文。"))
    assert "speaker line" in message and "paragraphs" in message


def test_a_repeated_speaker_is_refused_naming_both_lines():
    text = make_article(
        "市统计局局长张三:", "统计先行", "推进统计现代化改革。", "市统计局局长张三:", "再谈统计", "加强统计执法。"
    )
    message = refusal(text)
    lines = text.split("\n")
    first, second = [i + 1 for i, line in enumerate(lines) if line.strip() == "市统计局局长张三:"]
    assert message == (
        f"Line {second} repeats the speaker 市统计局张三, already introduced on line {first}."
    )


def test_the_same_person_for_another_unit_is_no_repetition():
    text = make_article("市统计局局长张三:", "统计先行", "推进统计现代化改革。", "市审计局局长张三:", "审计", "加强审计监督。")
    assert [d.name for d in parse_article(text).departments] == ["市统计局", "市审计局"]


def test_a_speaker_followed_by_a_headline_only_is_refused():
    text = make_article("市统计局局长张三:", "统计先行", "市审计局局长李四:", "审计先行", "加强审计监督。")
    message = refusal(text)
    assert "市统计局张三" in message and "no paragraph" in message
    assert message.startswith("The speaker on line ")


def test_a_speaker_at_the_end_with_nothing_after_is_refused():
    message = refusal(make_article("市统计局局长张三:", "统计先行", "推进统计现代化改革。", "市审计局局长李四:"))
    assert "市审计局李四" in message


def test_input_over_five_megabytes_is_refused():
    message = refusal(("推进统计现代化改革。" * 200_000).encode("utf-8"))
    assert "5 MB" in message
    assert "5 MB" in refusal("推进统计现代化改革。" * 200_000)
