"""A web page saved from a browser: the article's headline, dateline and paragraphs."""

import re

from .source import SourceText

FORMAT = "html"

_MARKUP = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s", re.IGNORECASE)


def accepts(raw: bytes | str, filename: str | None = None) -> bool:
    return False  # not yet: the plain-text reader reads pages until this reader lands


def read(raw: bytes | str, filename: str | None = None) -> SourceText:
    raise NotImplementedError
