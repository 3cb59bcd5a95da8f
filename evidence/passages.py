"""Split a later document into passages: the smallest runs of text that each report on one thing.

Plain Python, no Django. A passage is a sentence (up to 。！？ or a line end); a long sentence is
cut at its ；; a fragment that reports nothing by itself (a heading, 同时, 其中) joins a neighbour.
"""

import re
from dataclasses import dataclass

from commitments.parsing.decoding import is_furniture, split_paragraphs

# Longer sentences are cut at their semicolons: each clause then carries one result.
LONG_SENTENCE = 80
# Shorter pieces with no verb of action and no number are headings or connectives.
FRAGMENT = 16
# A line this short without a closing stop is a title (市园林局局长某某:, 一、稳就业) of what follows.
HEADING = 40
_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』\"'）)]*)?")
_CLAUSE = re.compile(r"[^；;]+(?:[；;]+)?")
_NUMBER = re.compile(r"[0-9０-９]|[一二三四五六七八九十两百千万亿]+(?:个|家|项|所|座|条|万|亿|公里|人)")
# Verbs a report of progress uses; a piece with none of them (and no number) only frames others.
_VERB = re.compile(
    "建成|完成|实现|新增|新建|增加|增长|达到|超过|突破|累计|推进|推动|开展|实施|启动|出台|印发|"
    "建立|健全|完善|提升|提高|降低|下降|减少|改造|打造|培育|引进|开通|投用|覆盖|办理|办结|审计|"
    "查处|发放|帮扶|创建|获批|举办|上线|接入|整合|修复|种植|造林|纳入|落实|保持|巩固|建设"
)
# A line that is only a byline, an editor's credit or a bracketed note reports nothing.
_CREDIT = re.compile(r"^[（(【\[].*[）)】\]]$|^(?:记者|通讯员|编辑|来源|责任编辑)[:：]")


# Stands for skipped furniture: a heading does not reach across it.
_BREAK = (-1, -1, False)


@dataclass(frozen=True)
class Passage:
    """A run of the document's text; start and end index into it."""

    start: int
    end: int
    text: str


def split_passages(text: str) -> list[Passage]:
    """The document's passages in order, skipping page furniture and credit lines."""
    pieces: list[tuple[int, int, bool]] = []  # start, end, whether the piece is a heading line
    for paragraph in split_paragraphs(text):
        if is_furniture(paragraph) or _CREDIT.search(paragraph.text):
            pieces.append(_BREAK)
            continue
        sentences = list(_spans(_SENTENCE, paragraph.text, paragraph.start))
        heading = len(sentences) == 1 and _is_heading(paragraph.text)
        for start, end in sentences:
            for piece in _cut_long(text, start, end):
                pieces.append((*piece, heading))
    merged = _merge_fragments(text, pieces)
    return [Passage(start, end, text[start:end]) for start, end in merged]


def is_fragment(piece: str) -> bool:
    """A piece too short to report on anything by itself: no verb of action, no number."""
    piece = piece.strip()
    return len(piece) < FRAGMENT and not _NUMBER.search(piece) and not _VERB.search(piece)


def _spans(pattern, text, base):
    for match in pattern.finditer(text):
        start, end = _strip(text, match.start(), match.end())
        if end > start:
            yield base + start, base + end


def _strip(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_heading(line: str) -> bool:
    """A line of one short sentence, or one that does not end as a sentence does (a title)."""
    ends_sentence = line.rstrip("”’」』\"'）) ")[-1:] in "。！？!?；;，,"
    return len(line) <= HEADING and (not ends_sentence or len(line) < FRAGMENT)


def _cut_long(text, start, end):
    if end - start <= LONG_SENTENCE:
        return [(start, end)]
    clauses = list(_spans(_CLAUSE, text[start:end], start))
    return clauses or [(start, end)]


def _merge_fragments(text, pieces):
    """A heading joins the piece after it; any other fragment the piece before it."""
    merged: list[list[int]] = []
    carry = None  # the start of headings waiting for their first sentence
    last_end = 0
    for start, end, heading in pieces:
        if (start, end, heading) == _BREAK:
            if carry is not None:
                merged.append([carry, last_end])
                carry = None
            continue
        last_end = end
        if heading:
            carry = start if carry is None else carry
            continue
        if carry is not None:
            merged.append([carry, end])
            carry = None
        elif is_fragment(text[start:end]) and merged:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    if carry is not None:
        merged.append([carry, last_end])
    return [tuple(span) for span in merged]
