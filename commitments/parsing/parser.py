"""Parse an article of the series into departments, officials, commitments and their classes."""

from .aliases import department_aliases
from .blocks import Block, lay_out
from .decoding import decode, split_paragraphs
from .metadata import read_metadata
from .models import ParsedArticle, ParsedCommitment, ParsedDepartment, ParsedOfficial
from .statements import Statement, split_statements
from .targets import find_targets
from .tokens import dominant_theme, goals_of, lexicon_words, search_tokens, themes_of


def parse_article(raw: bytes | str) -> ParsedArticle:
    """Parse raw bytes (UTF-8 or GB18030) or text; raises ArticleParseError on unusable input."""
    text = decode(raw)
    layout = lay_out(split_paragraphs(text))
    metadata = read_metadata(layout.header, layout.footer)
    year = metadata.published_at.year if metadata.published_at else None
    return ParsedArticle(
        title=metadata.title,
        published_at=metadata.published_at,
        source=metadata.source,
        editor=metadata.editor,
        reporters=metadata.credits.get("记者", []),
        correspondents=metadata.credits.get("通讯员", []),
        text=text,
        departments=[_department(text, block, year) for block in layout.blocks],
        credits=metadata.credits,
    )


def _department(text: str, block: Block, year: int | None) -> ParsedDepartment:
    block_text = text[block.headline_start : block.body[-1].end]
    statements = [found for paragraph in block.body for found in split_statements(paragraph)]
    commitments = [_commitment(text, statement, year) for statement in statements]
    _give_every_commitment_a_theme(commitments, block_text)
    speaker = block.speaker
    return ParsedDepartment(
        name=speaker.unit,
        aliases=department_aliases(speaker.unit, block_text),
        official=ParsedOfficial(speaker.name, list(speaker.titles)),
        headline=block.headline,
        headline_start=block.headline_start,
        headline_end=block.headline_end,
        commitments=commitments,
    )


def _commitment(text: str, statement: Statement, year: int | None) -> ParsedCommitment:
    body = text[statement.start : statement.end]
    words = lexicon_words(body)
    return ParsedCommitment(
        title=statement.title,
        text=body,
        start=statement.start,
        end=statement.end,
        themes=themes_of(words),
        goals=goals_of(words),
        targets=find_targets(body, statement.start, year),
        search_tokens=" ".join(search_tokens(statement.title + " " + body)),
    )


def _give_every_commitment_a_theme(commitments: list[ParsedCommitment], block_text: str) -> None:
    """A commitment that names no theme belongs to its block's most named theme.

    The block runs from the headline to the last paragraph: a theme named only in the headline
    (“五化统计”) still counts.
    """
    themeless = [commitment for commitment in commitments if not commitment.themes]
    if themeless:
        theme = dominant_theme(lexicon_words(block_text))
        for commitment in themeless:
            commitment.themes = [theme]
