"""Small articles of the genre, built around the paragraphs a test is about."""

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "samples"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
REAL_ARTICLE = FIXTURES / "wuhan-2020-12-22-cjn.txt"
GOLD = FIXTURES / "wuhan-2020-12-22-cjn.gold.json"

HEADER = ["展开频道 收起频道", "测试:各部门谈“十四五”发展④", "新闻中心 > 武汉", "2021-01-05 08:30 来源: 长江网", "【字体:"]
FOOTER = ["(记者王明 通讯员李红)", "【编辑:刘芳】", "一周热门"]


def make_article(*paragraphs: str) -> str:
    """The paragraphs, indented and blank-line separated, between a header and a footer."""
    return "\n\n".join(HEADER + ["  " + paragraph for paragraph in paragraphs] + FOOTER) + "\n"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()
