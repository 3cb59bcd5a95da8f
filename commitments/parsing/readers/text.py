"""Plain text: UTF-8 (with or without BOM) or GB18030, any line ends. Accepts any input."""

import re

from ..decoding import decode
from .normalise import parse_text_of
from .source import SourceText
from .unwrap import unwrap

FORMAT = "text"

# An address, up to the first space, full-width character or closing bracket.
_URL = r"(?P<url>(?:https?://|www\.)[!-~]+)"
# A labelled line comes first: 原文链接：http://…, 来源网址: …, URL: …
_LABELLED_URL = re.compile(
    r"(?:原文链接|原文地址|原文网址|来源网址|来源链接|本文链接|文章链接|网址|链接|URL|url|Url)"
    r"\s*[：:]?\s*[【\[（(]?\s*" + _URL
)
_URL_TAIL = ".,;:!?)]}>'\"，。；：！？）】"


def accepts(raw: bytes | str, filename: str | None = None) -> bool:
    return True


def read(raw: bytes | str, filename: str | None = None) -> SourceText:
    text = unwrap(decode(raw))
    parse_text = parse_text_of(text)
    return SourceText(text, parse_text, FORMAT, url=find_url(parse_text), title_hint=None)


_URL_LINE = re.compile(r"^[ \t\u3000（(【\[]*" + _URL + r"[ \t\u3000）)】\]]*$", re.MULTILINE)


def find_url(text: str) -> str | None:
    """The article's own address: a labelled 原文链接/来源网址 line, else a line that is only a URL.

    An address a sentence gives (详情请登录 www.example.gov.cn 查询) is not the article's."""
    match = _LABELLED_URL.search(text) or _URL_LINE.search(text)
    return match["url"].rstrip(_URL_TAIL) if match else None
