"""Decode raw input into newline-normalised text, split it into paragraphs, spot page furniture."""

import re
from dataclasses import dataclass

from .errors import ArticleParseError
from .punctuation import line_number

MAX_BYTES = 5 * 1024 * 1024
# C0 controls other than tab, newline, form feed and carriage return, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Stray controls happen in pasted text; this share of them means the input is not text at all.
_MAX_CONTROL_SHARE = 0.01
_FURNITURE = re.compile(
    r"""
    展开频道 | 收起频道                                    # channel menu
    | ^\S{1,12}\s*[>›»]\s*\S{1,12}(?:\s*[>›»]\s*\S{1,12})*$  # breadcrumb: 新闻中心 > 武汉
    | ^[【\[]?(?:字体|字号)[:：]                             # font-size switch
    | ^(?:一周热门|热门推荐|相关新闻|相关阅读|猜你喜欢)
    | ^[【\[]?(?:分享到|分享|打印|关闭|关闭窗口|收藏|返回顶部|扫一扫)(?:[】\]:：\s]|$)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Paragraph:
    """One non-blank line, stripped; start and end index into the article text."""

    text: str
    start: int
    end: int
    line: int


def decode(raw: bytes | str) -> str:
    """The article text: decoded, without BOM, with LF line ends; raises ArticleParseError."""
    check_size(raw)
    if isinstance(raw, bytes):
        text = _decode_bytes(raw)
    else:
        text = raw.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_is_text(text)
    return text


def check_size(raw: bytes | str) -> None:
    """Refuse input over 5 MB (counted in UTF-8 for text) before any work is done on it."""
    if raw is None:
        raise ArticleParseError("The input is empty: no line holds any text.")
    if isinstance(raw, bytes):
        size = len(raw)
    elif len(raw) * 4 <= MAX_BYTES:  # at most 4 UTF-8 bytes a character: surely under the limit
        return
    else:
        size = len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise ArticleParseError(
            f"The input is {size / 1024 / 1024:.1f} MB, over the 5 MB limit for one article."
        )


def _decode_bytes(raw: bytes) -> str:
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise ArticleParseError(
            f"Line {line} holds a NUL byte: the input is binary data, not text."
        )
    failures = []
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            failures.append(error.start)
    # The encoding that read furthest is the likely one, so its failure is the one worth naming.
    offset = max(failures)
    line = raw.count(b"\n", 0, offset) + 1
    raise ArticleParseError(
        f"Line {line} is neither UTF-8 nor GB18030: byte 0x{raw[offset]:02x} at offset {offset} "
        "cannot be decoded."
    )


def _check_is_text(text: str) -> None:
    if not text.strip():
        raise ArticleParseError("The input is empty: no line holds any text.")
    controls = [match.start() for match in _CONTROL.finditer(text)]
    nul = text.find("\x00")
    if nul != -1 or len(controls) > _MAX_CONTROL_SHARE * len(text):
        offset = nul if nul != -1 else controls[0]
        raise ArticleParseError(
            f"Line {line_number(text, offset)} holds control character "
            f"U+{ord(text[offset]):04X}: the input is binary data, not text."
        )


def split_paragraphs(text: str) -> list[Paragraph]:
    """Every non-blank line of the text, stripped of surrounding whitespace, with its span."""
    paragraphs = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            paragraphs.append(Paragraph(stripped, start, start + len(stripped), number))
        offset += len(line) + 1
    return paragraphs


def is_furniture(paragraph: Paragraph) -> bool:
    """Navigation, font switches, share and print links, lists of other stories."""
    return bool(_FURNITURE.search(paragraph.text))
