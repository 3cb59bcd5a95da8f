"""Split a block's paragraphs into commitments: headed paragraphs, items, action sentences."""

import re
from dataclasses import dataclass

from .decoding import Paragraph
from .numerals import number
from .punctuation import CLAUSE_BREAK, COLONS, FULL_STOP, SENTENCE, TRAILING_SEPARATORS

ACTION_VERBS = (
    "推进", "推动", "推行", "推广", "推出", "加快", "加强", "加密", "建立", "建成", "建设", "健全",
    "完善", "实施", "实行", "实现", "打造", "打通", "打响", "深化", "构建", "构筑", "探索", "提升",
    "提高", "开展", "开发", "强化", "优化", "落实", "促进", "发挥", "保持", "激发", "营造", "培育",
    "培养", "创建", "创新", "拓展", "巩固", "防范", "防止", "利用", "运用", "做强", "做大", "做好",
    "确保", "争取", "弘扬", "振兴", "擦亮", "新建", "清理", "严格", "关注", "聚焦", "统筹", "锚固",
    "增强", "整合", "编制", "确立", "抢抓", "调整", "扩大", "鼓励", "解决", "保障", "提供", "支持",
    "引进", "坚持", "着力", "大力",
)
_ACTION = re.compile("|".join(ACTION_VERBS))
# A verb this close to the start of a clause is what the clause is about (要抢抓…, 全面推进…).
_LEADING_VERB_POSITION = 3
# Restating the plenum, pledging to study its spirit or to contribute, closing rhetoric.
_FRAMING = re.compile(r"全会|《建议》|(?:做出|作出|做)[^，,。；;]{0,12}贡献|只争朝夕|久久为功|乘风破浪")
# A heading sentence: short, no comma, ends the moment it has named the task (千方百计稳定和扩大就业。).
_HEADING = re.compile(r"[^。！？!?；;，,：:]{2,25}[。！!]")
_NUMERAL = "[一二三四五六七八九十]+"
# A marker opens the paragraph or follows a stop or a comma, so that 第一批 or 唯一是 are no items.
_AFTER_BREAK = r"(?<![^。！？!?；;，,：:])"
_MARKERS = (
    re.compile(rf"{_AFTER_BREAK}(?P<number>{_NUMERAL})是"),
    re.compile(rf"{_AFTER_BREAK}[(（](?P<number>{_NUMERAL}|[0-9]{{1,2}})[)）]"),
    re.compile(rf"{_AFTER_BREAK}第(?P<number>{_NUMERAL})[，,、：:]"),
)


@dataclass(frozen=True)
class Statement:
    """A commitment's title and its span in the article text."""

    title: str
    start: int
    end: int


def split_statements(paragraph: Paragraph) -> list[Statement]:
    """The commitments of one body paragraph, in order."""
    text, base = paragraph.text, paragraph.start
    markers = _enumeration(text)
    if markers:
        lead_in = _action_sentences(text[: markers[0].start()], base)
        tail_start = _tail_start(text, markers)
        tail = _action_sentences(text[tail_start:], base + tail_start)
        return lead_in + _items(text, markers, tail_start, base) + tail
    heading = _HEADING.match(text)
    if heading and heading.end() < len(text):
        return [Statement(heading.group()[:-1], paragraph.start, paragraph.end)]
    return _action_sentences(text, base)


def _enumeration(text: str) -> list[re.Match]:
    """The markers of the paragraph's enumeration (一是…二是…, (一)…, 第一,…), or []."""
    for pattern in _MARKERS:
        markers = _counting_run(list(pattern.finditer(text)))
        if len(markers) >= 2 or (markers and markers[0].start() == 0):
            return markers
    return []


def _counting_run(markers: list[re.Match]) -> list[re.Match]:
    """Markers counting up by one; only a paragraph that opens with one may start above one."""
    if not markers or (number(markers[0]["number"]) != 1 and markers[0].start() != 0):
        return []
    run = markers[:1]
    for marker in markers[1:]:
        if number(marker["number"]) == number(run[-1]["number"]) + 1:
            run.append(marker)
    return run


def _items(text: str, markers: list[re.Match], last_end: int, base: int) -> list[Statement]:
    ends = [marker.start() for marker in markers[1:]] + [last_end]
    items = []
    for marker, end in zip(markers, ends):
        start, end = _trim(text, marker.end(), end)
        if start < end:
            items.append(Statement(_first_clause(text[start:end]), base + start, base + end))
    return items


def _tail_start(text: str, markers: list[re.Match]) -> int:
    """Where the last item ends.

    Items closed by semicolons (一是…;二是…;三是…。) are clauses of one sentence: the last ends at
    that sentence's stop and what follows is read sentence by sentence. Otherwise the last item,
    like the others, runs on to the end of the paragraph.
    """
    before_last = text[: markers[-1].start()].rstrip()
    if len(markers) == 1 or not before_last.endswith(("；", ";")):
        return len(text)
    stop = FULL_STOP.search(text, markers[-1].end())
    return stop.end() if stop else len(text)


def _action_sentences(text: str, base: int) -> list[Statement]:
    statements = []
    for match in SENTENCE.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        sentence = text[start:end]
        if _ACTION.search(sentence) and not _is_framing(match.group()):
            statements.append(Statement(_action_clause(sentence), base + start, base + end))
    return statements


def _is_framing(sentence: str) -> bool:
    # A sentence ending in a colon only announces what follows (重点抓好三件事:).
    return bool(_FRAMING.search(sentence)) or sentence.rstrip().endswith(tuple(COLONS))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span to its words: no surrounding whitespace, no separator left at either end."""
    while start < end and text[start] in TRAILING_SEPARATORS:
        start += 1
    while end > start and text[end - 1] in TRAILING_SEPARATORS:
        end -= 1
    return start, end


def _clauses(sentence: str) -> list[str]:
    return [clause.strip() for clause in CLAUSE_BREAK.split(sentence) if clause.strip()]


def _first_clause(text: str) -> str:
    return (_clauses(text) or [text])[0]


def _action_clause(sentence: str) -> str:
    """The clause that states the action: the first led by a verb, else the first holding one."""
    clauses = _clauses(sentence)
    verbs = [_ACTION.search(clause) for clause in clauses]
    for clause, verb in zip(clauses, verbs):
        if verb and verb.start() <= _LEADING_VERB_POSITION:
            return clause
    return next(clause for clause, verb in zip(clauses, verbs) if verb)
