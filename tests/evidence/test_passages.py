"""Reading a document and splitting it into passages that each report on one thing."""

import pytest

from evidence.passages import split_passages
from evidence.reading import EvidenceReadError, read_document


def texts(document):
    return [passage.text for passage in split_passages(document)]


def test_sentences_are_passages_and_spans_index_the_text():
    text = "全年新建口袋公园120个。完成湿地保护修复1200公顷！\n城市大脑上线运行"
    passages = split_passages(text)
    assert [p.text for p in passages] == [
        "全年新建口袋公园120个。", "完成湿地保护修复1200公顷！", "城市大脑上线运行",
    ]
    assert all(text[p.start:p.end] == p.text for p in passages)


def test_a_heading_joins_the_sentence_after_it():
    text = "一、公园体系建设\n\n全年新建口袋公园120个,社区公园35个。"
    assert texts(text) == ["一、公园体系建设\n\n全年新建口袋公园120个,社区公园35个。"]


def test_a_fragment_without_verb_or_number_joins_the_sentence_before_it():
    assert texts("全年完成造林绿化2.1万亩,成效明显。总体平稳。") == [
        "全年完成造林绿化2.1万亩,成效明显。总体平稳。"
    ]


def test_a_long_sentence_is_cut_at_its_semicolons():
    first = "全年完成湿地保护修复面积1200公顷,新认定市级重要湿地6处,府河湿地自然保护区管护能力明显提升；"
    second = "完成造林绿化2.1万亩,实施破损山体生态修复18处,完成森林质量精准提升4.5万亩,乡村绿化美化成效明显。"
    assert texts(first + second) == [first, second]


def test_page_furniture_and_credit_lines_are_no_passages():
    text = "展开频道 收起频道\n全年新建口袋公园120个。\n（记者 王某某 通讯员 李某某）\n【编辑:张某】"
    assert texts(text) == ["全年新建口袋公园120个。"]


def test_reader_decodes_gb18030_and_takes_the_first_line_as_title():
    document = read_document("市园林局2025年工作总结\n全年新建口袋公园120个。".encode("gb18030"))
    assert document.title_hint == "市园林局2025年工作总结"
    assert document.text.endswith("120个。")


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("字" * 200_001, "limit"),
])
def test_reader_refuses_what_is_no_document_in_one_sentence(raw, reason):
    with pytest.raises(EvidenceReadError) as refused:
        read_document(raw)
    message = str(refused.value)
    assert reason in message
    assert message.count(". ") == 0 and message.endswith(".")
