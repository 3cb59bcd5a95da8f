"""Find quantitative targets (300米见绿, 年均增长8%) and deadlines (到2025年, 五年内) in a commitment."""

import re

from .lexicons import PLAN_PERIODS
from .models import ParsedTarget
from .numerals import DIGITS, NUMERAL_CHARACTERS, number
from .punctuation import CLAUSE_BREAK, FULL_STOP, GAP, SENTENCE
from .statements import ENDED_PLANS, FORWARD, past_marker

# A measure, with the 万/亿 it may be counted in (8万亩, 2亿吨, 300万标箱): the whole is the unit.
_BASE_UNITS = (
    "个百分点|平方公里|平方米|公里|千米|米|分钟|小时|个月|天|人次|美元|元|吨|标箱|公顷|亩|家|个|所|座|项"
    "|条|套|户|名|人|辆|台|架|艘|列|张|栋|场次|场|倍|件|处|间|床|岁|‰|微克/立方米|%|％"
)
_UNITS = rf"(?:(?:万亿|万|亿)(?:{_BASE_UNITS.replace('|%|％', '')})|{_BASE_UNITS}|万亿|亿|万)"
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
    "|新修|修建|新开|开通|新改建|改造|铺设|接待"
)
_YEAR = r"(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4}"
# A year is a deadline when it is reached (到2025年) or ended (2025年底, 2025年前); a bare year
# may be a baseline (比2020年增长).
_YEAR_DEADLINE = re.compile(
    rf"(?:(?P<by>到|至){GAP})?(?P<year>{_YEAR}){GAP}年(?P<end>底|末)?(?P<before>前|以前|之前)?"
    rf"(?!{GAP}[0-9]|{GAP}月)"
)
_WITHIN_YEARS = re.compile(
    rf"(?P<number>[0-9{NUMERAL_CHARACTERS}]+){GAP}年(?:内|之内|以内)"
    rf"|(?:未来|今后){GAP}(?P<ahead>[0-9{NUMERAL_CHARACTERS}]+){GAP}年"
)
# A plan period names its last year: 十四五期间 / “十四五”末 → 2025, 十五五 → 2030.
_PLAN_PERIOD = re.compile(
    r"[“\"]?(?P<plan>十四五|十五五)[”\"]?(?:规划)?(?:期间|末|时期|期末|之末|结束时|收官之年|规划期内?)"
)
# 明年 ends with the next year; 今年, 全年 (全年实施重点项目120个) and 年内 with the year of
# publication (今年以来 is past).
_NEXT_YEAR = re.compile(
    r"明年|(?P<this>今年(?!以来)|全年|(?<![0-9一二三四五六七八九十两几多])年内)"
)
# 百分之八, 百分之十二点五: a percentage in words.
_PERCENT_WORDS = re.compile(
    rf"百分之(?P<number>[{NUMERAL_CHARACTERS}]+)(?:点(?P<decimals>[〇零一二三四五六七八九]+))?"
)
_SEMICOLON = re.compile(r"[；;]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# The words of a quantity run to the nearest punctuation: 300米见绿, not the whole sentence.
_PHRASE_BREAKS = "，,。；;、：:“”\"‘’《》()（）!！?？—\n "


def find_targets(
    text: str,
    base: int,
    published_year: int | None,
    original: str | None = None,
    past: bool = False,
) -> list[ParsedTarget]:
    """Targets in a commitment's text; base is the text's offset in the article.

    ``original`` is the article text the spans point into (the target's words are taken from it);
    ``past`` marks a sentence of past results, whose figures are all baselines. In a commitment, a
    figure in a clause of past results (2020年达到300家,将新增50家) is a baseline too.
    """
    if past:
        deadlines = []
    else:
        deadlines = [
            target
            for target in _year_deadlines(text, published_year)
            + _plan_deadlines(text)
            + _within_deadlines(text, published_year)
            + _next_year(text, published_year)
            if not _in_past_clause(text, target.start)
        ]
    targets = deadlines + _quantities(text, deadlines, past, published_year)
    for target in targets:
        target.start += base
        target.end += base
        if original is not None:
            target.text = original[target.start : target.end]
    return sorted(targets, key=lambda target: target.start)


def _plan_deadlines(text: str) -> list[ParsedTarget]:
    ended = ENDED_PLANS.get()
    return [
        _target(text, match.span(), None, None, PLAN_PERIODS[match["plan"]], "deadline")
        for match in _PLAN_PERIOD.finditer(text)
        if match["plan"] not in ended
    ]


def _next_year(text: str, published_year: int | None) -> list[ParsedTarget]:
    if not published_year:
        return []
    return [
        _target(
            text, match.span(), None, None, published_year + (0 if match["this"] else 1), "deadline"
        )
        for match in _NEXT_YEAR.finditer(text)
    ]


def _clause_span(text: str, position: int) -> tuple[int, int]:
    breaks = [found.end() for found in CLAUSE_BREAK.finditer(text, 0, position)]
    start = breaks[-1] if breaks else 0
    stop = CLAUSE_BREAK.search(text, position)
    return start, stop.start() if stop else len(text)


def _in_past_clause(text: str, position: int) -> bool:
    start, end = _clause_span(text, position)
    clause = text[start:end]
    return past_marker(clause) and not FORWARD.search(clause)


def _past_year(text: str, position: int, published_year: int | None = None) -> int | None:
    """The year a past figure was reached: its year, the last of a plan that is over (2020 for
    十三五), the year before publication for 去年 or 过去五年, the year of publication for 今年以来
    or 截至11月底; None when the text does not say."""
    sentence = next(match for match in SENTENCE.finditer(text) if match.end() > position).group()
    year = re.search(
        rf"(?<![到至0-9〇零一二三四五六七八九])(?<![到至] )((?:19|20)[0-9]{{2}}|[一二]〇[〇零一二三四五六七八九]{{2}}){GAP}年",
        sentence,
    )
    if year:
        return number(year.group(1))
    ended = [plan for plan in ENDED_PLANS.get() if plan in sentence]
    if ended:
        return PLAN_PERIODS[ended[0]]
    if published_year and re.search(r"去年|过去[一二三四五两几]年|近[一二三四五两几]年", sentence):
        return published_year - 1
    if published_year and _THIS_YEAR_SO_FAR.search(sentence):
        return published_year
    return None


# A result of the year of publication: 今年以来, 一年来, 截至11月底, 今年1至11月 (or 今年 in a
# sentence read as past, late in the year).
_THIS_YEAR_SO_FAR = re.compile(r"今年|一年来|截至[0-9一二三四五六七八九十]{1,2}月|1至[0-9]{1,2}月")


def _year_deadlines(text: str, published_year: int | None = None) -> list[ParsedTarget]:
    """到2025年, 2025年底, 2025年前; a bare year after the publication year (2025年,全市将…) too."""
    return [
        _target(text, match.span(), None, None, number(match["year"]), "deadline")
        for match in _YEAR_DEADLINE.finditer(text)
        if match["by"]
        or match["end"]
        or match["before"]
        or (published_year and number(match["year"]) >= published_year and _bare_year(text, match))
    ]


def _bare_year(text: str, match: re.Match) -> bool:
    """A year standing for a time (2025年,… / 2025年全市…), not a name (2025年远景目标)."""
    return not re.match(r"远景|规划|计划|目标|版|度", text[match.end() : match.end() + 2])


def _within_deadlines(text: str, published_year: int | None) -> list[ParsedTarget]:
    deadlines = []
    for match in _WITHIN_YEARS.finditer(text):
        years = number(match["number"] or match["ahead"])
        year = published_year + years if published_year else None
        deadlines.append(_target(text, match.span(), float(years), "年", year, "deadline"))
    return deadlines


def _quantities(text: str, deadlines: list[ParsedTarget], past: bool, published_year=None):
    matches = list(_ARABIC_QUANTITY.finditer(text)) + [
        match for match in _CHINESE_QUANTITY.finditer(text) if _follows_quantity_verb(text, match)
    ]
    quantities = []
    for match in matches:
        if _is_year(text, match):
            continue
        span = _phrase_around(text, match.start(), match.end())
        unit = "%" if match["unit"] == "％" else match["unit"]
        value = _value(match["number"])
        quantities.append(_quantity(text, span, value, unit, deadlines, past, published_year))
    for match in _PERCENT_WORDS.finditer(text):
        value = float(number(match["number"]))
        if match["decimals"]:
            value = float(f"{int(value)}.{''.join(str(number(d)) for d in match['decimals'])}")
        span = _phrase_around(text, match.start(), match.end())
        quantities.append(_quantity(text, span, value, "%", deadlines, past, published_year))
    return quantities


def _quantity(text, span, value, unit, deadlines, past, published_year=None) -> ParsedTarget:
    position = span[0]
    if past or _in_past_clause(text, position):
        year = _past_year(text, position, published_year)
        return _target(text, span, value, unit, year, "baseline")
    year = _deadline_year_in_sentence(text, span, deadlines)
    return _target(text, span, value, unit, year, "quantity")


def _is_year(text: str, match: re.Match) -> bool:
    """2025年 is a year, not a quantity (no unit matches 年, but 万 of 2025万 might)."""
    return False


def _target(text, span, value, unit, year, kind) -> ParsedTarget:
    start, end = span
    return ParsedTarget(text[start:end], start, end, value, unit, year, kind)


def _follows_quantity_verb(text: str, match: re.Match) -> bool:
    breaks = [found.end() for found in CLAUSE_BREAK.finditer(text, 0, match.start())]
    clause_start = breaks[-1] if breaks else 0
    return bool(_QUANTITY_VERBS.search(text, clause_start, match.start()))


def _phrase_around(text: str, start: int, end: int) -> tuple[int, int]:
    while True:
        while start > 0 and (text[start - 1] not in _PHRASE_BREAKS or _is_gap(text, start - 1)):
            start -= 1
        # A short quotation inside the phrase (“十四五”期间新增…) belongs to it.
        quote = _short_quote_before(text, start)
        if quote is None:
            break
        start = quote
    while end < len(text) and (text[end] not in _PHRASE_BREAKS or _is_gap(text, end)):
        end += 1
    return start, end


def _is_gap(text: str, position: int) -> bool:
    """A space between a figure and its words (稳定在 99 % 以上), not between two phrases."""
    if text[position] != " " or not 0 < position < len(text) - 1:
        return False
    before, after = text[position - 1], text[position + 1]
    figure = "0123456789%"
    return (before in figure or after in figure) and (
        _HAN.match(before) or _HAN.match(after) or (before in figure and after in figure)
    )


def _short_quote_before(text: str, start: int) -> int | None:
    if start == 0 or text[start - 1] not in "”\"":
        return None
    window = max(0, start - 12)
    opening = max(text.rfind("“", window, start - 1), text.rfind('"', window, start - 1))
    if opening == -1 or any(c in _PHRASE_BREAKS for c in text[opening + 1 : start - 1]):
        return None
    return opening


def _deadline_year_in_sentence(text: str, span: tuple[int, int], deadlines: list[ParsedTarget]):
    """A quantity set for a year (到2025年,新增50家) takes the year of the deadline governing it
    (今年新建20所,力争到2025年新增5万个: 20所 this year), else of the first one after it in its
    sentence (新增50家,力争2025年完成)."""
    governing = governing_deadline(text, 0, deadlines, span[1])
    if governing is not None:
        return governing.year
    sentence = next(match for match in SENTENCE.finditer(text) if match.end() > span[0])
    after = [t for t in deadlines if span[0] <= t.start < sentence.end()]
    return min(after, key=lambda target: target.start).year if after else None


def governing_deadline(text: str, base: int, deadlines: list[ParsedTarget], position: int):
    """The deadline that sets the time of what is said before ``position`` (offsets from ``base``,
    where ``text`` starts): the last one before it in its sentence (to ；), else one in the
    clause that opens the whole sentence (今年，改造老旧小区600个；新建城市道路80公里。)."""
    relative = position - base
    stops = [found.end() for found in FULL_STOP.finditer(text, 0, relative)]
    semicolons = [found.end() for found in _SEMICOLON.finditer(text, 0, relative)]
    whole_start = stops[-1] if stops else 0
    part_start = max([whole_start, *semicolons])
    opening = CLAUSE_BREAK.search(text, whole_start)
    opening_end = opening.end() if opening else len(text)
    before = sorted(
        (t for t in deadlines if t.start - base < relative),
        key=lambda target: target.start,
    )
    in_part = [t for t in before if t.start - base >= part_start]
    opening_whole = [t for t in before if whole_start <= t.start - base < opening_end]
    return (in_part or opening_whole or [None])[-1]


def _value(numeral: str) -> float:
    return float(numeral) if numeral[0].isascii() else float(number(numeral))
