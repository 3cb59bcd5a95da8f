"""Text copied out of a newspaper's PDF: lines cut at the column's edge are rejoined, the page's
furniture left out, and the article then reads like any other."""

from commitments.parsing import parse_article
from commitments.parsing.readers import read_source
from commitments.parsing.readers.unwrap import unwrap

HEADER = "江城日报 2022年1月10日 星期一 第3版"
SPEECH = (
    "“我们要让群众出门就能健身。”李文华说，今年市体育局将新建社区健身中心40个、"
    "健身步道150公里。到2025年，全市人均体育场地面积达到2.6平方米，经常参加体育锻炼人数比例超过45%。"
)


def column(paragraph: str, width: int = 20) -> list[str]:
    """The paragraph as a PDF column sets it: cut every `width` characters, wherever that falls."""
    return [paragraph[i : i + width] for i in range(0, len(paragraph), width)]


def wrapped_article() -> str:
    lines = [HEADER, "体育惠民 开好新局", "——市体育局负责人谈新年打算", "本报记者 周明 通讯员 钱红"]
    lines += column("新年伊始，记者走访市体育局，听负责人讲述新一年的打算和未来五年的目标任务。")
    lines += ["市体育局局长 李文华"]
    speech = column(SPEECH)
    lines += speech[:3] + ["- 3 -", HEADER] + speech[3:]
    return "\n".join(lines) + "\n"


def test_lines_cut_by_the_column_are_rejoined_and_the_pages_furniture_left_out():
    text = unwrap(wrapped_article())
    assert text.split("\n") == [
        HEADER, "体育惠民 开好新局", "——市体育局负责人谈新年打算", "本报记者 周明 通讯员 钱红",
        "新年伊始，记者走访市体育局，听负责人讲述新一年的打算和未来五年的目标任务。",
        "市体育局局长 李文华",
        SPEECH,
        "",
    ]


def test_a_wrapped_article_reads_like_one_typed_whole():
    article = parse_article(wrapped_article().encode("utf-8"), filename="page3.txt")
    assert article.source == "江城日报"
    (department,) = article.departments
    assert (department.name, department.official.name) == ("市体育局", "李文华")
    deadlines = {t.year for c in department.commitments for t in c.targets if t.kind == "deadline"}
    assert deadlines == {2022, 2025}
    assert all("\n" not in c.text and "江城日报" not in c.text for c in department.commitments)
    assert [t.value for c in department.commitments for t in c.targets if t.unit == "平方米"] == [2.6]


def test_an_article_whose_lines_end_with_its_sentences_is_left_as_it_is():
    typed = "\n".join([HEADER, "体育惠民 开好新局", "市体育局局长 李文华", SPEECH] * 3) + "\n"
    assert unwrap(typed) == typed
    assert read_source(typed.encode("utf-8")).text == typed


def test_a_short_text_is_never_taken_for_a_column():
    short = "\n".join(column(SPEECH)[:5]) + "\n"
    assert unwrap(short) == short
