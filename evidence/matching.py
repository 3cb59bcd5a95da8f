"""Rank the commitments a passage may report on: BM25 over jieba tokens, plus named departments,
officials and numbers that line up with a commitment's targets.

Plain Python, no Django: the commitments come through a `Corpus` (evidence/corpus.py reads them
from the database), which hands out postings for the document's words and the candidates' rows.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from commitments.parsing import search_tokens
from commitments.parsing.numerals import number
from commitments.parsing.targets import find_targets

TOP = 5
# Candidates per passage kept by the cheap first pass (sum of the matched words' IDF), rescored
# with BM25 and the boosts: ten times TOP, as the first pass ignores term frequency and length.
SHORTLIST = 50
K1, B = 1.2, 0.75
# A match scores at least MIN_SCORE, of which BM25 at least MIN_RELEVANCE: a named department
# or a figure lifts a weak textual match, but never makes one out of nothing.
MIN_SCORE = 8.0
MIN_RELEVANCE = 4.0
DEPARTMENT_BOOST = 3.0
# The department named only in the document's title: the passage is likely its own work.
CONTEXT_BOOST = 2.0
OFFICIAL_BOOST = 2.0
NUMBER_BOOST = 3.0
# The verbs of a quantity say nothing of what is counted: 新增 口袋公园 shares only 口袋公园.
_QUANTITY_WORDS = re.compile(
    "新增|增加|增长|达到|超过|突破|累计|新建|建成|培育|引进|提高|提升|完成|实现|全年|共计|其中|"
    "以上|左右|不少于|不低于|至少|控制在|减少|下降|降低|建设"
)
# A passage that frames the document (一年来, 收官之年) or announces intentions (我们将继续) reports
# no progress of its own, unless it states a figure.
_FRAMING = re.compile(
    "收官之年|开局之年|一年来|过去的一年|工作回顾|总结如下|报告工作|我代表|获悉|成绩单|答卷|"
    "团结奋斗|将(?:继续|坚持|以|进一步|持续|全力|着力|大力|深入)|"
    "表示，将|力争|展望"
)
_BASELINE = re.compile(r"(?:由|从|比|较)\s*(?:[0-9]{4}年(?:底|末)?的?)?\s*$")
_NUMERAL = re.compile(r"[0-9]+(?:\.[0-9]+)?|[〇一二三四五六七八九十两百千万]+")
_CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


@dataclass(frozen=True)
class Quantity:
    """A number with its unit in a passage, and the words around it (建成口袋公园120个)."""

    text: str
    value: float
    unit: str


@dataclass(frozen=True)
class TargetRow:
    id: int
    text: str
    value: float | None
    unit: str


@dataclass
class Candidate:
    """What the matcher needs of one commitment."""

    id: int
    title: str
    department: str
    tokens: Counter
    department_names: tuple[str, ...] = ()
    officials: tuple[str, ...] = ()
    targets: tuple[TargetRow, ...] = ()

    @property
    def length(self) -> int:
        return sum(self.tokens.values())


@dataclass
class Match:
    commitment: int
    title: str
    department: str
    score: float
    relevance: float
    numbers: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "commitment": self.commitment,
            "title": self.title,
            "department": self.department,
            "score": round(self.score, 3),
            "numbers": self.numbers,
        }


class Corpus(Protocol):
    size: int
    avg_length: float

    def postings(self, terms: set[str], max_df: int) -> tuple[dict[str, list[int]], dict[str, int]]:
        """The ids of the commitments holding each term whose document frequency is at most
        max_df, and the document frequency (at least max_df + 1) of the others."""

    def candidates(self, ids: set[int]) -> dict[int, Candidate]:
        """The candidates' tokens, names and targets."""


def title_weighted(tokens: list[str], title: str) -> Counter:
    """A commitment's tokens with its title's counted twice: the title states what it is about."""
    return Counter(tokens) + Counter(search_tokens(title))


def query_terms(text: str) -> list[str]:
    """The passage's words that can tell commitments apart: two characters or more, not numbers."""
    return list(
        dict.fromkeys(t for t in search_tokens(text) if len(t) > 1 and not t.isdigit())
    )


def quantities(text: str) -> list[Quantity]:
    """The numbers with units in a passage, except baselines (由2020年的80个增加到120个: 80个)."""
    found = []
    # A later document reports results, which the article parser reads as past figures
    # ("baseline"); here they are the observed figures, so both kinds count.
    for target in find_targets(text, 0, None):
        if target.kind not in ("quantity", "baseline") or target.value is None:
            continue
        position = _number_position(target)
        if _BASELINE.search(text[max(0, target.start + position - 12):target.start + position]):
            continue
        found.append(Quantity(target.text, float(target.value), target.unit))
    return found


def _number_position(target) -> int:
    """Where in its phrase the target's own number stands (a phrase may hold two)."""
    for match in _NUMERAL.finditer(target.text):
        own = _numeral_value(match[0]) == target.value
        if own and target.text.startswith(target.unit, match.end()):
            return match.start()
    return 0


def _numeral_value(numeral: str) -> float | None:
    try:
        return float(numeral) if numeral[0].isascii() else float(number(numeral))
    except (KeyError, ValueError):
        return None


def max_df(size: int) -> int:
    """Words in more commitments than this are too common to find candidates by (推进, 建设)."""
    return max(200, size // 50)


class Matcher:
    """Ranks candidates for the passages of one document; IDF comes from the whole corpus."""

    min_score = MIN_SCORE
    min_relevance = MIN_RELEVANCE
    framing = _FRAMING

    def __init__(self, corpus: Corpus, context: str = ""):
        self.corpus = corpus
        self.context = context

    def rank(self, texts: list[str]) -> list[list[Match]]:
        """For each passage, at most TOP matches, best first; none for narration."""
        terms = [query_terms(text) for text in texts]
        cap = max_df(self.corpus.size)
        postings, common = self.corpus.postings(set().union(*terms), cap)
        self.df = {term: len(ids) for term, ids in postings.items()} | common
        shortlists = [self._shortlist(words, postings) for words in terms]
        candidates = self.corpus.candidates(set().union(*shortlists))
        return [
            self._rescore(text, words, [candidates[i] for i in shortlist if i in candidates])
            for text, words, shortlist in zip(texts, terms, shortlists)
        ]

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1 + (self.corpus.size - df + 0.5) / (df + 0.5))

    def _shortlist(self, words, postings) -> list[int]:
        scores: Counter = Counter()
        for word in words:
            weight = self.idf(word)
            for commitment in postings.get(word, ()):
                scores[commitment] += weight
        return [commitment for commitment, _ in scores.most_common(SHORTLIST)]

    def relevance(self, words: list[str], candidate: Candidate) -> float:
        """BM25 of the candidate's tokens for the passage's words."""
        norm = K1 * (1 - B + B * candidate.length / max(self.corpus.avg_length, 1.0))
        score = 0.0
        for word in words:
            tf = candidate.tokens.get(word, 0)
            if tf:
                score += self.idf(word) * tf * (K1 + 1) / (tf + norm)
        return score

    def _rescore(self, text, words, candidates) -> list[Match]:
        found = quantities(text)
        if not found and self.framing and self.framing.search(text):
            return []
        matches = []
        for candidate in candidates:
            relevance = self.relevance(words, candidate)
            if relevance < self.min_relevance:
                continue
            numbers = line_up(found, candidate.targets)
            score = relevance + self._named_boost(text, candidate)
            if any(number["target"] for number in numbers):
                score += NUMBER_BOOST
            if score < self.min_score:
                continue
            matches.append(Match(candidate.id, candidate.title, candidate.department, score,
                                 relevance, numbers))
        matches.sort(key=lambda match: (-match.score, match.commitment))
        return matches[:TOP]

    def _named_boost(self, text, candidate) -> float:
        boost = 0.0
        if any(name in text for name in candidate.department_names):
            boost += DEPARTMENT_BOOST
        elif any(name in self.context for name in candidate.department_names):
            boost += CONTEXT_BOOST
        if any(name in text for name in candidate.officials):
            boost += OFFICIAL_BOOST
        return boost


def line_up(found: list[Quantity], targets) -> list[dict]:
    """Each number of the passage, with the target it lines up with: same unit, a shared noun."""
    numbers = []
    for quantity in found:
        target = next((t for t in targets if _lines_up(quantity, t)), None)
        numbers.append({
            "text": quantity.text,
            "value": quantity.value,
            "unit": quantity.unit,
            "target": target.id if target else None,
            "target_text": target.text if target else "",
            "target_value": target.value if target else None,
        })
    return numbers


def _lines_up(quantity: Quantity, target: TargetRow) -> bool:
    if target.value is None or target.unit != quantity.unit:
        return False
    return bool(_nouns(quantity.text, quantity.unit) & _nouns(target.text, target.unit))


def _nouns(phrase: str, unit: str) -> set[str]:
    """The phrase's pairs of Chinese characters, without its unit and the verbs of quantity
    (300米见绿 and 500米见园 share no 米见)."""
    return set(_CJK_PAIR.findall(_QUANTITY_WORDS.sub(" ", phrase.replace(unit, " "))))


def department_names(name: str, aliases) -> tuple[str, ...]:
    """How a text names a department: 市园林和林业局, 市园林局, 园林局."""
    names = [name, *aliases]
    names += [n.removeprefix("市") for n in names]
    return tuple(dict.fromkeys(n for n in names if len(n) >= 3))
