"""The one structure every reader returns."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceText:
    """What the grammar parses: the text to store and quote, and a same-length text to match on.

    Every span the grammar computes on ``parse_text`` is valid in ``text``: the two have the same
    length and differ only character for character (traditional → simplified, half-width
    punctuation → full-width).
    """

    text: str  # the text stored and quoted: every span of the parse points into it
    parse_text: str  # same length as text: simplified characters, full-width ，：；？！（）
    format: str  # "text", "html", ...: the reader that produced it
    url: str | None = None  # the original address, when the source carries one
    title_hint: str | None = None  # an html page's og:title, <title> or <h1>; None for text

    def __post_init__(self):
        if len(self.parse_text) != len(self.text):
            raise ValueError("parse_text must keep the length of text, one character for one.")
