"""Score the matcher against hand-labelled documents: precision@1, recall@3, silent narration.

Plain Python. A labels file (fixtures/evidence/*.labels.json) names its document and, for each
labelled passage, a quote inside it and the titles of the commitments it reports on; an empty
list marks narration, which should get no candidate. Passages not labelled are not scored.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from .passages import split_passages

LABELS = Path(__file__).resolve().parent.parent / "fixtures" / "evidence"


@dataclass
class LabelledDocument:
    name: str
    title: str
    source: str
    published_at: str
    text: str
    # (passage index, titles of the commitments it reports on)
    labels: list[tuple[int, list[str]]]

    @property
    def passages(self):
        return split_passages(self.text)


@dataclass
class Scores:
    reporting: int = 0
    hits_at_1: int = 0
    pairs: int = 0
    pairs_found_at_3: int = 0
    narration: int = 0
    narration_silent: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision_at_1(self):
        return self.hits_at_1 / self.reporting if self.reporting else 0.0

    @property
    def recall_at_3(self):
        return self.pairs_found_at_3 / self.pairs if self.pairs else 0.0

    @property
    def silent_narration(self):
        return self.narration_silent / self.narration if self.narration else 0.0


def labelled_documents(directory: Path = LABELS) -> list[LabelledDocument]:
    documents = []
    for path in sorted(directory.glob("*.labels.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (directory / data["document"]).read_text(encoding="utf-8")
        passages = split_passages(text)
        labels = []
        for label in data["passages"]:
            index = next(
                (i for i, passage in enumerate(passages) if label["quote"] in passage.text), None
            )
            if index is None:
                raise ValueError(f"{path.name}: no passage holds {label['quote']!r}.")
            labels.append((index, label["commitments"]))
        documents.append(LabelledDocument(path.name.removesuffix(".labels.json"), data["title"],
                                          data["source"], data["published_at"], text, labels))
    return documents


def label_resolver(commitments):
    """A label names its commitment by title, or by a phrase only that commitment's text holds.

    `commitments` are (id, title, text) rows. Phrases keep the labels valid when the parser
    words a title differently; a phrase that names no commitment, or several, is an error.
    """
    rows = list(commitments)
    by_title = {title: pk for pk, title, _text in rows}

    def resolve(label: str) -> int:
        if label in by_title:
            return by_title[label]
        holders = [pk for pk, _title, text in rows if label in text]
        if len(holders) != 1:
            raise ValueError(f"The label {label!r} names {len(holders)} commitments, not one.")
        return holders[0]

    return resolve


def score(documents, rank, resolve) -> Scores:
    """rank(document) gives, per passage, the ranked commitment ids; resolve maps labels to ids."""
    scores = Scores()
    for document in documents:
        ranked = rank(document)
        for index, titles in document.labels:
            found = ranked[index]
            expected = {resolve(label) for label in titles}
            if not expected:
                scores.narration += 1
                scores.narration_silent += not found
                if found:
                    scores.misses.append(f"{document.name}#{index}: narration got {found[:3]}")
                continue
            scores.reporting += 1
            scores.hits_at_1 += bool(found) and found[0] in expected
            scores.pairs += len(expected)
            scores.pairs_found_at_3 += len(expected & set(found[:3]))
            if not found or found[0] not in expected:
                scores.misses.append(
                    f"{document.name}#{index}: expected {sorted(expected)}, got {found[:3]}"
                )
    return scores
