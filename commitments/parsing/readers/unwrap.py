"""Text copied out of a PDF or an e-paper page: lines broken at the column's width, mid-sentence
and mid-number (新建充电桩\\n3000个, 到2025\\n年), with the page's header and number between them.

Such a text is rejoined before it is parsed and stored: the line breaks belong to the page, not to
the article, and no grammar can read a deadline cut in two. A text whose lines end where its
sentences do (every article typed or saved from a web page) is returned unchanged.
"""

import re
from collections import Counter

# A line that ends a sentence or a speaker's line; a wrapped line ends anywhere else.
_CLOSED = re.compile(r"[。！？!?；;：:…”」』）)】\]]$")
_SENTENCE_END = re.compile(r"[。！？!?][”」』]?$")
# Bylines and speaker lines keep their spaces (记者 王某 通讯员 李某 / 市水务局局长 邓某某).
_SPACED_WORDS = re.compile(r"[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]")
# A page's number on a line of its own: - 5 -, 第5页, 5/12.
_PAGE_NUMBER = re.compile(r"^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})$")
_DIGIT = re.compile(r"[0-9]")  # a page's header names its day or page; a speaker line neither
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")

# A text is read as wrapped when at least this many of its lines, and half of those of some
# length, fill the column and end mid-sentence.
_MIN_LINES = 6
_OPEN_SHARE = 0.5
# PDF columns hold a few dozen characters; a web article's paragraphs are longer.
_MAX_WIDTH = 60
# A line this share of the column wide was cut by its edge (digits and Latin letters are narrow,
# so a full line of them holds more characters, and one of Chinese fewer); a shorter one ends
# its paragraph (a headline, a speaker's name).
_FULL_SHARE = 0.75


def unwrap(text: str) -> str:
    """The text with its hard-wrapped lines rejoined into paragraphs and the pages' furniture
    (a header repeated on every page, page numbers) left out; unchanged unless it is wrapped."""
    lines = text.split("\n")
    width = _wrap_width([line.strip() for line in lines])
    if width is None:
        return text
    kept = _without_page_furniture(lines)
    paragraphs: list[str] = []
    joining = False
    for line in kept:
        stripped = line.strip()
        if joining and stripped:
            paragraphs[-1] = _joined(paragraphs[-1], stripped)
        else:
            paragraphs.append(line.rstrip())
        joining = bool(stripped) and _is_cut(stripped, width)
    return "\n".join(paragraphs)


def _wrap_width(lines: list[str]) -> int | None:
    """The column's width in characters when the lines are wrapped at one, else None."""
    body = [line for line in lines if len(line) >= 8]
    if len(body) < _MIN_LINES:
        return None
    lengths = sorted(len(line) for line in body)
    width = lengths[int(len(lengths) * 0.8)]
    if width > _MAX_WIDTH:
        return None
    cut = [line for line in body if len(line) >= width * _FULL_SHARE and not _CLOSED.search(line)]
    return width if len(cut) >= max(_MIN_LINES, _OPEN_SHARE * len(body)) else None


def _without_page_furniture(lines: list[str]) -> list[str]:
    """Lines without page numbers and without a page's header (a line with a date or page number)
    repeated further down; its first appearance, at the top, names the paper and the day."""
    counts = Counter(line.strip() for line in lines if line.strip())
    repeated = {
        line for line, count in counts.items()
        if count >= 2 and len(line) <= 40 and _DIGIT.search(line) and not _SENTENCE_END.search(line)
    }
    top = {line.strip() for line in lines[:3]}
    kept, seen = [], set()
    for line in lines:
        stripped = line.strip()
        if _PAGE_NUMBER.match(stripped):
            continue
        if stripped in repeated and (stripped in seen or stripped not in top):
            continue
        seen.add(stripped)
        kept.append(line)
    return kept


def _is_cut(line: str, width: int) -> bool:
    """Whether the line was cut by the column's edge: it fills the column, and is neither the end
    of a sentence nor a byline, speaker line or subtitle."""
    full = len(line) >= width * _FULL_SHARE
    return (
        full
        and not _SENTENCE_END.search(line)
        and not _SPACED_WORDS.search(line)
        and not line.startswith(("——", "--"))  # a subtitle or a signature
    )


def _joined(paragraph: str, line: str) -> str:
    separator = " " if _LATIN_END.search(paragraph) and _LATIN_START.search(line) else ""
    return paragraph + separator + line
