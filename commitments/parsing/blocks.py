"""Group the paragraphs into header, speaker blocks (speaker, headline, body) and footer."""

from dataclasses import dataclass, field

from .decoding import Paragraph, is_furniture
from .errors import ArticleParseError
from .metadata import is_credits, is_editor
from .punctuation import SENTENCE_STOPS
from .speakers import Speaker, parse_speaker

_HEADLINE_MAX_LENGTH = 50


@dataclass
class Block:
    speaker: Speaker
    line: int
    headline: str
    headline_start: int
    headline_end: int
    body: list[Paragraph] = field(default_factory=list)


@dataclass
class Layout:
    header: list[Paragraph]
    blocks: list[Block]
    footer: list[Paragraph]


def lay_out(paragraphs: list[Paragraph]) -> Layout:
    """Split the paragraphs at speaker lines; the footer opens with the credits or the editor."""
    content = [paragraph for paragraph in paragraphs if not is_furniture(paragraph)]
    speakers = [parse_speaker(paragraph) for paragraph in content]
    first = next((index for index, speaker in enumerate(speakers) if speaker), None)
    if first is None:
        raise ArticleParseError(
            f"None of the {len(content)} paragraphs is a speaker line: a unit, titles and a name "
            "followed by a colon, such as 市审计局党组书记、局长刘生华:."
        )
    end = next(
        (i for i in range(first, len(content)) if is_credits(content[i]) or is_editor(content[i])),
        len(content),
    )
    blocks = _blocks(content[first:end], speakers[first:end])
    return Layout(header=content[:first], blocks=blocks, footer=content[end:])


def _blocks(content: list[Paragraph], speakers: list[Speaker | None]) -> list[Block]:
    blocks: list[Block] = []
    introduced: dict[tuple[str, str], int] = {}
    for paragraph, speaker in zip(content, speakers):
        if speaker is None:
            blocks[-1].body.append(paragraph)
            continue
        key = (speaker.unit, speaker.name)
        if key in introduced:
            raise ArticleParseError(
                f"Line {paragraph.line} repeats the speaker {speaker.unit}{speaker.name}, "
                f"already introduced on line {introduced[key]}."
            )
        introduced[key] = paragraph.line
        blocks.append(_open_block(paragraph, speaker))
    for block in blocks:
        _take_headline(block)
    return blocks


def _open_block(paragraph: Paragraph, speaker: Speaker) -> Block:
    start = speaker.headline_start if speaker.headline else paragraph.end
    return Block(speaker, paragraph.line, speaker.headline, start, start + len(speaker.headline))


def _take_headline(block: Block) -> None:
    """The first paragraph is the headline unless the speaker line held one or it reads as prose."""
    if not block.headline and block.body and _reads_as_headline(block.body[0].text):
        headline = block.body.pop(0)
        block.headline = headline.text
        block.headline_start, block.headline_end = headline.start, headline.end
    if not block.body:
        raise ArticleParseError(
            f"The speaker on line {block.line} ({block.speaker.unit}{block.speaker.name}) is "
            "followed by no paragraph of text before the next speaker or the end of the article."
        )


def _reads_as_headline(text: str) -> bool:
    return len(text) <= _HEADLINE_MAX_LENGTH and not text.endswith(SENTENCE_STOPS)
