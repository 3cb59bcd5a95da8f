"""Recognise a speaker line (unit, titles, official, colon) by a grammar of official titles."""

import re
from dataclasses import dataclass

from .decoding import Paragraph
from .punctuation import COLONS

# A unit is named by what it is: 局, 委员会, 办公室, 区 … The longer suffixes come first.
_UNIT_SUFFIXES = ("委员会", "办公室", "中心", "局", "委", "办", "区", "县", "厅", "部", "院", "会")
# Bodies a post belongs to rather than the unit itself: 党组书记, 管委会主任 of a development zone.
_ORGANS = ("党组", "党委", "党工委", "党总支", "管委会")
_POSTS = (
    "书记|局长|主任|区长|县长|市长|主席|院长|秘书长|巡视员|调研员|部长|厅长|处长|行长|社长|馆长"
    "|总经理|董事长|委员|成员|常委"
)
# 党组书记, 副局长, 常务副区长, 党委委员, 一级巡视员: an optional organ, rank, then the post.
_TITLE = rf"(?:(?:{'|'.join(_ORGANS)})?(?:常务)?副?(?:{_POSTS})|[一二]级巡视员)"
_TITLES_AND_NAME = re.compile(
    rf"(?P<titles>{_TITLE}(?:、{_TITLE})*)(?P<name>[\u4e00-\u9fff·]{{2,4}})"
)
# The part before the colon: Chinese characters and the 、 between titles only, never a sentence.
_HEAD = re.compile(rf"^(?P<head>[\u4e00-\u9fff、·]{{5,40}})[{COLONS}]\s*(?P<rest>.*)$")
# 江岸区委副书记 reads as 江岸区 + 区委副书记: the district's party committee belongs to the title.
_DISTRICT_COMMITTEES = ("区委", "县委")


@dataclass(frozen=True)
class Speaker:
    unit: str
    titles: tuple[str, ...]
    name: str
    # A headline written after the colon on the speaker line itself, with its article offset.
    headline: str
    headline_start: int


def parse_speaker(paragraph: Paragraph) -> Speaker | None:
    """The speaker a line introduces, or None when the line is not a speaker line."""
    match = _HEAD.match(paragraph.text)
    if not match:
        return None
    parts = split_head(match["head"])
    if not parts:
        return None
    unit, titles, name = parts
    return Speaker(unit, titles, name, match["rest"], paragraph.start + match.start("rest"))


def split_head(head: str) -> tuple[str, tuple[str, ...], str] | None:
    """Unit, titles and name: the unit is the longest prefix ending in a unit suffix after which
    the rest parses as titles and a name."""
    for cut in range(len(head) - 1, 1, -1):
        unit = head[:cut]
        if "、" in unit or not unit.endswith(_UNIT_SUFFIXES) or unit.endswith(_ORGANS):
            continue
        match = _TITLES_AND_NAME.fullmatch(head[cut:])
        if match:
            return _move_committee_to_title(unit, match["titles"].split("、"), match["name"])
    return None


def _move_committee_to_title(unit: str, titles: list[str], name: str):
    committee = unit[-2:]
    if committee in _DISTRICT_COMMITTEES and len(unit) > 2 and not titles[0].startswith(_ORGANS):
        unit, titles[0] = unit[:-1], committee + titles[0]
    return unit, tuple(titles), name
