"""Derive the short names a department goes by from its full name and the text of its block."""

import re

# 市人力资源和社会保障局 → 市人社局: the first character of each conjunct, as 发改委 and 文旅局 are formed.
# Conjuncts of two to four characters are words or pairs of words; longer ones have no such habit.
_CONJUNCT_UNIT = re.compile(
    r"^(?P<prefix>[市省区县]?)(?P<first>[\u4e00-\u9fff]{2,4})和(?P<second>[\u4e00-\u9fff]{2,4}?)"
    r"(?P<suffix>委员会|办公室|局|委|办)$"
)
_SHORT_SUFFIX = {"委员会": "委", "办公室": "办"}


def department_aliases(unit: str, block_text: str) -> list[str]:
    """Short forms of the unit: its conjunct abbreviation and the shortened names the block uses."""
    found = _conjunct_abbreviation(unit, block_text) + _shortened_mentions(unit, block_text)
    return list(dict.fromkeys(alias for alias in found if alias != unit))


def _conjunct_abbreviation(unit: str, block_text: str) -> list[str]:
    match = _CONJUNCT_UNIT.match(unit)
    if not match:
        return []
    stem = match["first"][0] + match["second"][0]
    # Only an abbreviation the department itself uses (人社部门, 文旅消费) is evidence enough.
    if stem not in block_text.replace(unit, ""):
        return []
    return [match["prefix"] + stem + _SHORT_SUFFIX.get(match["suffix"], match["suffix"])]


def _shortened_mentions(unit: str, block_text: str) -> list[str]:
    """Names in the text that keep the unit's first and last characters and drop some in between.

    市市场监管局 is read as 市市场监督管理局 because its characters appear in that order in the full
    name; three characters at least, so that 市局 does not count.
    """
    # The full name is masked so that its tail (市场监督管理局) is not taken for a short form.
    text = block_text.replace(unit, "|")
    mentions = []
    position = text.find(unit[0])
    while position != -1:
        mention = _longest_mention_at(unit, text, position)
        if mention:
            mentions.append(mention)
        position = text.find(unit[0], position + (len(mention) if mention else 1))
    return mentions


def _longest_mention_at(unit: str, text: str, start: int) -> str | None:
    for end in range(min(len(text), start + len(unit) - 1), start + 2, -1):
        candidate = text[start:end]
        if candidate[-1] == unit[-1] and _is_subsequence(candidate, unit):
            return candidate
    return None


def _is_subsequence(short: str, full: str) -> bool:
    remaining = iter(full)
    return all(character in remaining for character in short)
