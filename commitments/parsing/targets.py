"""Find quantitative targets (300米见绿, 年均增长8%) and deadlines (到2025年, 五年内) in a commitment."""

import re

from .models import ParsedTarget
from .numerals import DIGITS, NUMERAL_CHARACTERS, number
from .punctuation import CLAUSE_BREAK, SENTENCE

_UNITS = (
    "个百分点|平方公里|万平方米|平方米|公里|千米|米|分钟|小时|个月|天|万人次|人次|万人|万户|万元|亿元"
    "|元|万吨|吨|公顷|亩|家|个|所|座|项|条|套|户|人|辆|倍|%|％|亿|万"
)
_ARABIC_QUANTITY = re.compile(rf"(?<![0-9.．])(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>{_UNITS})")
# A Chinese numeral starts with a digit or 十 and never continues an Arabic one: the 万 of
# 197万户 belongs to the unit, not to a second number.
_CHINESE_QUANTITY = re.compile(
    rf"(?<![0-9.．])(?P<number>[{''.join(DIGITS)}十][{NUMERAL_CHARACTERS}]*)(?P<unit>{_UNITS})"
)
# Chinese numerals name slogans (两个全覆盖, 三个环境) far more often than targets; a verb of
# quantity earlier in the clause (新增, 达到 …) is what makes one a target.
_QUANTITY_VERBS = re.compile(
    "新增|增加|增长|达到|超过|突破|不少于|不低于|至少|累计|新建|建成|培育|引进|提高到|提升到|控制在|减少|下降|降低"
)
_YEAR = r"(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4}"
# A year is a deadline when it is reached (到2025年) or ended (2025年底, 2025年前); a bare year
# may be a baseline (比2020年增长).
_YEAR_DEADLINE = re.compile(
    rf"(?P<by>到|至)?(?P<year>{_YEAR})年(?P<end>底|末)?(?P<before>前|以前|之前)?(?![0-9]|月)"
)
_WITHIN_YEARS = re.compile(
    rf"(?P<number>[0-9{NUMERAL_CHARACTERS}]+)年(?:内|之内|以内)|未来(?P<ahead>[0-9{NUMERAL_CHARACTERS}]+)年"
)
# The words of a quantity run to the nearest punctuation: 300米见绿, not the whole sentence.
_PHRASE_BREAKS = "，,。；;、：:“”\"‘’《》()（）!！?？—\n "


def find_targets(text: str, base: int, published_year: int | None) -> list[ParsedTarget]:
    """Targets in a commitment's text; base is the text's offset in the article."""
    deadlines = _year_deadlines(text) + _within_deadlines(text, published_year)
    targets = deadlines + _quantities(text, deadlines)
    for target in targets:
        target.start += base
        target.end += base
    return sorted(targets, key=lambda target: target.start)


def _year_deadlines(text: str) -> list[ParsedTarget]:
    return [
        _target(text, match.span(), None, None, number(match["year"]), "deadline")
        for match in _YEAR_DEADLINE.finditer(text)
        if match["by"] or match["end"] or match["before"]
    ]


def _within_deadlines(text: str, published_year: int | None) -> list[ParsedTarget]:
    deadlines = []
    for match in _WITHIN_YEARS.finditer(text):
        years = number(match["number"] or match["ahead"])
        year = published_year + years if published_year else None
        deadlines.append(_target(text, match.span(), float(years), "年", year, "deadline"))
    return deadlines


def _quantities(text: str, deadlines: list[ParsedTarget]) -> list[ParsedTarget]:
    matches = list(_ARABIC_QUANTITY.finditer(text)) + [
        match for match in _CHINESE_QUANTITY.finditer(text) if _follows_quantity_verb(text, match)
    ]
    quantities = []
    for match in matches:
        span = _phrase_around(text, match.start(), match.end())
        unit = "%" if match["unit"] == "％" else match["unit"]
        year = _deadline_year_in_sentence(text, match.start(), deadlines)
        quantities.append(_target(text, span, _value(match["number"]), unit, year, "quantity"))
    return quantities


def _target(text, span, value, unit, year, kind) -> ParsedTarget:
    start, end = span
    return ParsedTarget(text[start:end], start, end, value, unit, year, kind)


def _follows_quantity_verb(text: str, match: re.Match) -> bool:
    breaks = [found.end() for found in CLAUSE_BREAK.finditer(text, 0, match.start())]
    clause_start = breaks[-1] if breaks else 0
    return bool(_QUANTITY_VERBS.search(text, clause_start, match.start()))


def _phrase_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1] not in _PHRASE_BREAKS:
        start -= 1
    while end < len(text) and text[end] not in _PHRASE_BREAKS:
        end += 1
    return start, end


def _deadline_year_in_sentence(text: str, position: int, deadlines: list[ParsedTarget]):
    """A quantity set for a year (到2025年,新增50家) takes the year of its sentence's deadline."""
    sentence = next(match for match in SENTENCE.finditer(text) if match.end() > position)
    years = [t.year for t in deadlines if sentence.start() <= t.start < sentence.end()]
    return years[0] if years else None


def _value(numeral: str) -> float:
    return float(numeral) if numeral[0].isascii() else float(number(numeral))
