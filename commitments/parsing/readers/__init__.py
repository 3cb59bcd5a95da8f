"""Readers: one module per source format, chosen by content, each giving the same SourceText.

A reader module has ``FORMAT`` (its name), ``accepts(raw, filename) -> bool`` (a cheap look at the
content; the filename only as a hint) and ``read(raw, filename) -> SourceText``. ``READERS`` is
tried in order and the plain-text reader, last, accepts anything: a new format (e.g. PDF) is one
new module added to this list, in front of ``text``.
"""

from ..decoding import check_size
from ..errors import ArticleParseError
from . import html, mhtml, text
from .source import SourceText

READERS = [mhtml, html, text]
# Formats no reader reads yet, named in the refusal rather than read as broken text.
_UNREAD_FORMATS = [
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a Word .docx or an .xlsx file is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
]


def read_source(raw: bytes | str, filename: str | None = None) -> SourceText:
    """Pick the reader by content, decode, extract and convert; raises ArticleParseError."""
    check_size(raw)
    if isinstance(raw, bytes):
        for signature, name in _UNREAD_FORMATS:
            if raw.startswith(signature):
                raise ArticleParseError(
                    f"The input is {name}, which no reader reads yet: save the article as text "
                    "or as a web page."
                )
    for reader in READERS:
        if reader.accepts(raw, filename):
            return reader.read(raw, filename)
    raise ArticleParseError("The input is in no format this importer reads.")


__all__ = ["READERS", "ArticleParseError", "SourceText", "read_source"]
