"""Punctuation the parsers split on, in both full-width and half-width forms."""

import re

COLONS = "：:"
SENTENCE_STOPS = ("。", "！", "？", "!", "?", "；", ";")
# A sentence runs to its stop (。！？ or ；) and keeps the closing quotes that follow the stop.
SENTENCE = re.compile(r"[^。！？!?；;]+(?:[。！？!?；;]+[”’」』\"']*)?")
FULL_STOP = re.compile(r"[。！？!?]+[”’」』\"']*")
CLAUSE_BREAK = re.compile(r"[，,；;：:。！!？?]")
# The space some sites put between Chinese and figures (到 2025 年, 新建 20 所): at most one.
GAP = "[ \u00a0]?"
# Punctuation that may close a sentence, item or clause and is not part of its text.
TRAILING_SEPARATORS = "，,；;、：: \t\u3000\xa0"


def line_number(text: str, offset: int) -> int:
    """The 1-based line of a character offset, as an editor would show it."""
    return text.count("\n", 0, offset) + 1
