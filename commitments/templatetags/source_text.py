"""The article text around commitments: a quote within its paragraph, and the whole article.

Spans are cut in Python and every piece is escaped by the template that renders it.
"""

from dataclasses import dataclass

from django import template

from commitments.parsing.decoding import Paragraph, is_furniture

register = template.Library()


@dataclass
class Segment:
    text: str
    commitment: object = None


def paragraph_around(text, start, end):
    """text[start:end] within the paragraph(s) that hold it, as (before, quote, after)."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    if paragraph_end == -1:
        paragraph_end = len(text)
    return text[paragraph_start:start].lstrip(), text[start:end], text[end:paragraph_end].rstrip()


def article_paragraphs(text, commitments):
    """The text as paragraphs of segments; a segment that is a commitment's span carries it.

    Overlapping spans keep the first commitment and the rest of the later one.
    """
    segments, cursor = [], 0
    for commitment in sorted(commitments, key=lambda c: c.source_start):
        start = max(commitment.source_start, cursor)
        if start >= commitment.source_end:
            continue
        segments += [
            Segment(text[cursor:start]),
            Segment(text[start : commitment.source_end], commitment),
        ]
        cursor = commitment.source_end
    segments.append(Segment(text[cursor:]))
    paragraphs = [[]]
    for segment in segments:
        for index, line in enumerate(segment.text.split("\n")):
            if index:
                paragraphs.append([])
            if line:
                paragraphs[-1].append(Segment(line, segment.commitment))
    return [paragraph for paragraph in paragraphs if "".join(s.text for s in paragraph).strip()]


@register.inclusion_tag("commitments/includes/source_quote.html")
def source_quote(commitment):
    before, quote, after = paragraph_around(
        commitment.article.text, commitment.source_start, commitment.source_end
    )
    return {"before": before, "quote": quote, "after": after, "article": commitment.article}


@register.inclusion_tag("commitments/includes/article_body.html")
def article_body(article, commitments):
    """The article's paragraphs without the page furniture saved with it (展开频道, 【字体:)."""
    paragraphs = article_paragraphs(article.text, commitments)
    return {"paragraphs": [p for p in paragraphs if not furniture(p)]}


def furniture(paragraph):
    if any(segment.commitment for segment in paragraph):
        return False
    text = "".join(segment.text for segment in paragraph).strip()
    return is_furniture(Paragraph(text, 0, len(text), 0))
