"""Read an uploaded evidence document into text: the one seam to the importer's readers."""

from dataclasses import dataclass

from commitments.parsing.readers import read_source

MAX_CHARS = 200_000


class EvidenceReadError(ValueError):
    """The input cannot be read as a document; the message is one sentence naming why."""


@dataclass(frozen=True)
class ReadDocument:
    text: str
    url: str = ""
    title_hint: str = ""
    format: str = "text"


def read_document(raw: bytes | str, filename: str = "") -> ReadDocument:
    """The document's text, with the page's URL and title where its format records them.

    Through the importer's readers (`commitments.parsing.readers.read_source`), which pick the
    format by content: plain text and saved web pages are read alike.
    """
    try:
        source = read_source(raw, filename)
        text, url, title = source.text, source.url or "", source.title_hint or ""
    except ValueError as error:  # ArticleParseError and the readers' errors
        raise EvidenceReadError(str(error)) from error
    if len(text) > MAX_CHARS:
        raise EvidenceReadError(
            f"The document holds {len(text):,} characters, over the {MAX_CHARS:,} limit for one "
            "evidence document."
        )
    return ReadDocument(text=text, url=url, title_hint=title or _first_line(text),
                        format=source.format)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")[:300]
