"""Read the title, dateline, source, credits and editor that frame the article's speaker blocks."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from .decoding import Paragraph
from .punctuation import SENTENCE_STOPS

WUHAN_TIME = ZoneInfo("Asia/Shanghai")
_DATE = re.compile(
    r"(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:\s*(?P<hour>\d{1,2})[:：](?P<minute>\d{2})(?:[:：](?P<second>\d{2}))?)?"
)
_SOURCE = re.compile(r"来源\s*[:：]\s*(?P<source>[^\s【】\[\]()（）|｜]+)")
_EDITOR = re.compile(r"^[【\[]?(?:责任)?编辑\s*[:：]\s*(?P<editor>[^】\]\s]+)")
# The credits close the article, names only: (记者马振华 黄丽娟 通讯员付成荣 统筹倪宁). A sentence
# that starts with 记者 (记者从市统计局获悉,…) has punctuation and is body text.
_CREDITS = re.compile(
    r"^[(（]?\s*(?:本报|长江日报)?(?:见习记者|记者|通讯员|统筹)[^。，,；;！!？?:：]*[)）]?$"
)
_ROLE = re.compile(r"^(?:本报|长江日报)?(?P<role>见习记者|记者|通讯员|统筹|实习生|摄影)(?P<name>.*)$")
_NAME_SEPARATORS = re.compile(r"[\s、,，;；]+")


@dataclass
class Metadata:
    title: str = ""
    published_at: datetime | None = None
    source: str = ""
    editor: str = ""
    credits: dict[str, list[str]] = field(default_factory=dict)


def _is_dateline(paragraph: Paragraph) -> bool:
    """The line under the title that carries the date and the source."""
    return bool(_DATE.match(paragraph.text) or _SOURCE.search(paragraph.text))


def is_credits(paragraph: Paragraph) -> bool:
    return bool(_CREDITS.match(paragraph.text))


def is_editor(paragraph: Paragraph) -> bool:
    return bool(_EDITOR.match(paragraph.text))


def read_metadata(header: list[Paragraph], footer: list[Paragraph]) -> Metadata:
    """Metadata from the paragraphs before the first speaker and after the last block."""
    metadata = Metadata()
    for paragraph in header:
        if _is_dateline(paragraph):
            metadata.published_at = metadata.published_at or _published_at(paragraph.text)
            source = _SOURCE.search(paragraph.text)
            metadata.source = metadata.source or (source["source"] if source else "")
        elif not metadata.title and _is_title(paragraph.text):
            metadata.title = paragraph.text
    for paragraph in footer:
        if is_credits(paragraph):
            metadata.credits = _credits(paragraph.text)
        elif is_editor(paragraph):
            metadata.editor = _EDITOR.match(paragraph.text)["editor"]
    return metadata


def _is_title(text: str) -> bool:
    """A headline is short and is not a sentence; the lead paragraph is both."""
    return len(text) <= 100 and not text.endswith(SENTENCE_STOPS)


def _published_at(text: str) -> datetime | None:
    match = _DATE.search(text)
    if not match:
        return None
    parts = [int(match[name] or 0) for name in ("year", "month", "day", "hour", "minute", "second")]
    try:
        return datetime(*parts, tzinfo=WUHAN_TIME)
    except ValueError:
        return None


def _credits(text: str) -> dict[str, list[str]]:
    """Names by role; a role word is glued to the first name it introduces (记者马振华 黄丽娟)."""
    credits: dict[str, list[str]] = {}
    role = None
    for word in _NAME_SEPARATORS.split(text.strip("()（） ")):
        match = _ROLE.match(word)
        if match:
            role, word = match["role"], match["name"]
        if role and word:
            credits.setdefault(role, []).append(word)
    return credits
