"""A page saved as one file (.mhtml, .mht: Chrome's and Edge's "single file"): its HTML part.

The MIME message holds the page's HTML (quoted-printable or base64, in its own charset) and its
images and styles; the HTML part is read by the html reader.
"""

import dataclasses
import email
import email.policy
import re

from ..errors import ArticleParseError
from . import html
from .source import SourceText

FORMAT = "mhtml"

_MIME_START = re.compile(r"^(?:From:[^\n]*\n|Snapshot-Content-Location:[^\n]*\n|Subject:[^\n]*\n"
                         r"|Date:[^\n]*\n)*MIME-Version:\s*1\.0", re.IGNORECASE)
_MULTIPART = re.compile(r"Content-Type:\s*multipart/related", re.IGNORECASE)


def accepts(raw: bytes | str, filename: str | None = None) -> bool:
    head = raw[:2048] if isinstance(raw, str) else raw[:2048].decode("latin-1")
    head = head.lstrip("\ufeff\r\n").replace("\r\n", "\n")
    return bool(_MIME_START.match(head) and _MULTIPART.search(head))


def read(raw: bytes | str, filename: str | None = None) -> SourceText:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            page = _decode(payload, charset)
            source = html.read(page, filename)
            location = part.get("Content-Location") or message.get("Snapshot-Content-Location")
            url = source.url or (location if str(location or "").startswith("http") else None)
            return dataclasses.replace(source, format=FORMAT, url=url and str(url))
    raise ArticleParseError("The saved page holds no HTML part: it has no article text.")


def _decode(payload: bytes, charset: str | None) -> str | bytes:
    if charset:
        try:
            return payload.decode(html._ALIASES.get(charset.lower(), charset))
        except (LookupError, UnicodeDecodeError):
            pass
    return html.decode_page(payload)
