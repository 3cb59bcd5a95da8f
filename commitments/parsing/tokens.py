"""Segment text with jieba (loaded on first use) and classify it by the theme and goal lexicons."""

import logging
from collections import Counter
from functools import cache, lru_cache

from .lexicons import GENERIC_GOAL_WORDS, GOALS, PLAN_WORDS, THEMES
from .models import GoalMatch

FALLBACK_THEME = "general"
# Ordered, for the tokenizer's sake, and quick to look a word up in.
_KEYWORDS = dict.fromkeys(keyword for entry in THEMES + GOALS for keyword in entry.keywords)


@cache
def _tokenizer():
    """A jieba tokenizer of our own, with the plan vocabulary; loading costs about a second."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    # In a fixed order: each word's frequency is suggested from the dictionary as it stands.
    for word in dict.fromkeys(PLAN_WORDS + tuple(_KEYWORDS)):
        tokenizer.add_word(word)
    return tokenizer


def load_dictionary() -> None:
    """Load jieba's dictionary and PlanWatch's words now instead of on the first text segmented."""
    _tokenizer()


# Segmenting is most of a parse's time, and the same texts come back: an admin import parses the
# article for its preview and again on confirmation, a re-import mostly the same sentences. The
# texts segmented last are remembered (a few megabytes at most).
_REMEMBERED_TEXTS = 4096


def search_tokens(text: str) -> list[str]:
    """The words of a text and the dictionary words inside them (乡村振兴, 乡村, 振兴), in order.

    HMM is off so that a query segments as the same words did in the stored text.
    """
    return list(_search_tokens(text))


@lru_cache(maxsize=_REMEMBERED_TEXTS)
def _search_tokens(text: str) -> tuple[str, ...]:
    return tuple(
        token
        for token in _tokenizer().lcut_for_search(text, HMM=False)
        if any(character.isalnum() for character in token)
    )


def lexicon_words(text: str) -> list[str]:
    """The words keywords are looked up among: each word with the dictionary words inside it.

    A word that is a keyword itself keeps its parts to itself: 消费维权 is market regulation, not
    also 消费 (trade); 人才培养 is no keyword, so the 人才 inside it counts.
    """
    return list(_lexicon_words(text))


@lru_cache(maxsize=_REMEMBERED_TEXTS)
def _lexicon_words(text: str) -> tuple[str, ...]:
    tokenizer = _tokenizer()
    words = []
    for word in tokenizer.lcut(text, HMM=False):
        if word in _KEYWORDS:
            words.append(word)
        else:
            words.extend(tokenizer.lcut_for_search(word, HMM=False))
    return tuple(words)


def themes_of(words: list[str]) -> list[str]:
    """Slugs of the themes whose keywords occur among the words, in order of first occurrence."""
    return list(dict.fromkeys(slug for slug, _ in _keyword_hits(words, _THEME_OWNERS)))


def goals_of(words: list[str]) -> list[GoalMatch]:
    """The goals the words serve, in lexicon order, with their keywords in order of appearance."""
    found: dict[str, list[str]] = {}
    for slug, keyword in _keyword_hits(words, _GOAL_OWNERS):
        found.setdefault(slug, [])
        if keyword not in found[slug]:
            found[slug].append(keyword)
    return [
        GoalMatch(goal.slug, found[goal.slug])
        for goal in GOALS
        if goal.slug in found and _is_evidence(found[goal.slug])
    ]


def _is_evidence(keywords: list[str]) -> bool:
    """One specific keyword, or two generic ones (人才 and 创新), show that a goal is served."""
    generic = [keyword for keyword in keywords if keyword in GENERIC_GOAL_WORDS]
    return len(generic) < len(keywords) or len(generic) >= 2


def dominant_theme(words: list[str]) -> str:
    """The theme named most often in the words (the earliest named on a tie), else the fallback."""
    counts = Counter(slug for slug, _ in _keyword_hits(words, _THEME_OWNERS))
    return counts.most_common(1)[0][0] if counts else FALLBACK_THEME


def _keyword_hits(words: list[str], owners: dict[str, tuple[str, ...]]):
    return [(slug, word) for word in words for slug in owners.get(word, ())]


def _owners(lexicon) -> dict[str, tuple[str, ...]]:
    """The slugs of the entries each keyword belongs to."""
    owners: dict[str, tuple[str, ...]] = {}
    for entry in lexicon:
        for keyword in entry.keywords:
            owners[keyword] = owners.get(keyword, ()) + (entry.slug,)
    return owners


_THEME_OWNERS = _owners(THEMES)
_GOAL_OWNERS = _owners(GOALS)
