"""Read a later document, split it into passages, rank candidates for each and store the lot."""

import datetime
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import transaction

from .corpus import DatabaseCorpus
from .matching import Match, Matcher
from .models import EvidenceDocument, Passage, RejectedPair, Suggestion, text_hash
from .passages import split_passages
from .reading import EvidenceReadError, read_document


@dataclass
class AnalysedPassage:
    start: int
    end: int
    text: str
    candidates: list[Match] = field(default_factory=list)

    def to_dict(self):
        return {
            "text": self.text,
            "span": [self.start, self.end],
            "candidates": [match.to_dict() for match in self.candidates],
        }


@dataclass
class Analysis:
    title: str
    published_at: datetime.date | None
    source: str
    source_url: str
    text: str
    passages: list[AnalysedPassage]
    format: str = EvidenceDocument.Format.TEXT

    @property
    def sha256(self):
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def suggestion_count(self):
        return sum(len(passage.candidates) for passage in self.passages)

    def to_dict(self):
        return {
            "document": {
                "title": self.title,
                "published_at": self.published_at.isoformat() if self.published_at else None,
                "source": self.source,
                "source_url": self.source_url,
            },
            "passages": [passage.to_dict() for passage in self.passages],
        }


def analyse(raw, filename="", *, title="", source="", source_url="", published_at=None,
            corpus=None):
    """The document's passages with their ranked candidates; reads the database, writes nothing.

    Raises EvidenceReadError for input that is no document, or one already stored.
    """
    document = read_document(raw, filename)
    source_url = source_url or document.url
    analysis = Analysis(
        title=(title or document.title_hint)[:300],
        published_at=published_at,
        source=source or urlsplit(source_url).hostname or "",
        source_url=source_url,
        text=document.text,
        format=document.format,
        passages=[AnalysedPassage(p.start, p.end, p.text) for p in split_passages(document.text)],
    )
    if not analysis.passages:
        raise EvidenceReadError("The document holds no sentence to match: only page furniture.")
    existing = EvidenceDocument.objects.filter(sha256=analysis.sha256).first()
    if existing:
        raise EvidenceReadError(
            f"This document is already stored as #{existing.pk} “{existing.title}”."
        )
    ranked = Matcher(corpus or DatabaseCorpus(), context=analysis.title).rank(
        [passage.text for passage in analysis.passages]
    )
    rejected = rejected_pairs(analysis.passages)
    for passage, matches in zip(analysis.passages, ranked):
        digest = text_hash(passage.text)
        passage.candidates = [m for m in matches if (digest, m.commitment) not in rejected]
    return analysis


def rejected_pairs(passages):
    """(text hash, commitment) pairs a reviewer rejected before: one query."""
    hashes = {text_hash(passage.text) for passage in passages}
    return set(
        RejectedPair.objects.filter(text_hash__in=hashes).values_list("text_hash", "commitment_id")
    )


@transaction.atomic
def store(analysis, *, user=None):
    """The document, its passages and a pending suggestion per candidate, in one transaction."""
    document = EvidenceDocument.objects.create(
        title=analysis.title,
        published_at=analysis.published_at,
        source=analysis.source,
        source_url=analysis.source_url,
        text=analysis.text,
        format=analysis.format,
        uploaded_by=user,
        sha256=analysis.sha256,
    )
    passages = Passage.objects.bulk_create(
        Passage(document=document, start=p.start, end=p.end, text=p.text)
        for p in analysis.passages
    )
    Suggestion.objects.bulk_create(
        Suggestion(passage=stored, commitment_id=match.commitment, rank=rank, score=match.score,
                   numbers=match.numbers)
        for stored, analysed in zip(passages, analysis.passages)
        for rank, match in enumerate(analysed.candidates, start=1)
    )
    return document
