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


def read_source(raw: bytes | str, filename: str | None = None) -> SourceText:
    """Pick the reader by content, decode, extract and convert; raises ArticleParseError."""
    check_size(raw)
    for reader in READERS:
        if reader.accepts(raw, filename):
            return reader.read(raw, filename)
    raise ArticleParseError("The input is in no format this importer reads.")


__all__ = ["READERS", "ArticleParseError", "SourceText", "read_source"]
