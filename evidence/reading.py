"""Read an uploaded evidence document into text: the one seam to the importer's readers."""

from dataclasses import dataclass

from commitments.parsing import ArticleParseError
from commitments.parsing.decoding import decode

MAX_CHARS = 200_000


class EvidenceReadError(ValueError):
    """The input cannot be read as a document; the message is one sentence naming why."""


@dataclass(frozen=True)
class ReadDocument:
    text: str
    url: str = ""
    title_hint: str = ""


def read_document(raw: bytes | str, filename: str = "") -> ReadDocument:
    """The document's text, with the page's URL and title where its format records them.

    Plain text through the parser's decode today; once `commitments.parsing.readers.read_source`
    is merged, switch this one function to it so that saved web pages read alike.
    """
    try:
        text = decode(raw)
    except ArticleParseError as error:
        raise EvidenceReadError(str(error)) from error
    if len(text) > MAX_CHARS:
        raise EvidenceReadError(
            f"The document holds {len(text):,} characters, over the {MAX_CHARS:,} limit for one "
            "evidence document."
        )
    return ReadDocument(text=text, title_hint=_first_line(text))


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")[:300]
