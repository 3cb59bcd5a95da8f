"""Recognise who speaks: unit, titles and name, by a grammar of official titles.

Which unit a speaker stands for (the department the commitments are filed under):

- A bureau head speaks for the bureau: 市商务局党组书记、局长某某 → 市商务局.
- A party secretary of a place speaks for the place: 江岸区委书记 → 江岸区, 武汉市委书记 → 武汉市,
  某某县委书记 → 某某县; the committee goes into the title (区委书记). A bare 市委书记 (no place
  named) keeps the unit 市委 and the parser replaces it by the article's city (武汉市) when known.
- A head of government speaks for the place: 杭州市西湖区区长 → 杭州市西湖区, 某某镇镇长 → 某某镇.
- Concurrent roles written in front (市人大代表、市交通运输局局长某某) are kept as titles; the unit
  is the one of the post written next to the name. A title spanning two units
  (开发区党工委副书记、铁山区区长某某) therefore files under 铁山区: the post next to the name is
  the one the person speaks in, the earlier one is a concurrent role.

Names are two or three Han characters, four only after a compound surname (欧阳, 司马 …), and never
contain a title word.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from .decoding import Paragraph
from .punctuation import COLONS

# A unit is named by what it is: 局, 委员会, 办公室, 区 … The longer suffixes come first.
_UNIT_SUFFIXES = (
    "委员会", "办公室", "中心", "街道", "集团", "公司", "政府", "政协", "局", "委", "办", "区", "县",
    "厅", "部", "院",
    "会", "市", "省", "州", "镇", "乡", "署", "行",
)
# Bodies a post belongs to rather than the unit itself: 党组书记, 管委会主任 of a development zone.
_ORGANS = ("党组", "党委", "党工委", "党总支", "管委会")
POSTS = (
    "书记|局长|主任|区长|县长|市长|省长|州长|镇长|乡长|主席|院长|秘书长|巡视员|调研员|部长|厅长|处长"
    "|行长|社长|馆长|署长|关长|总经理|董事长|理事长|会长|委员|成员|常委|总经济师|总工程师|总规划师"
)
# 党组书记, 副局长, 常务副区长, 党委委员, 一级巡视员: an optional organ, rank, then the post.
_TITLE = rf"(?:(?:{'|'.join(_ORGANS)})?(?:常务)?副?(?:{POSTS})|[一二]级巡视员)"
_TITLES_AND_NAME = re.compile(
    rf"(?P<titles>{_TITLE}(?:、{_TITLE})*)(?P<name>[\u4e00-\u9fff·]{{2,4}})"
)
# The part before the colon: Chinese characters, the 、 between titles and spaces (市发改委主任 某某),
# never a sentence.
_HEAD = re.compile(rf"^(?P<head>[\u4e00-\u9fff、· \u3000]{{5,44}}?)\s*[{COLONS}]\s*(?P<rest>.*)$")
# A line that is only a unit, titles and a name, spaces allowed: 市发改委主任 某某.
_NAME_LINE = re.compile(r"^[\u4e00-\u9fff、· \u3000]{5,44}$")
# 江岸区委副书记 reads as 江岸区 + 区委副书记: the place's party committee belongs to the title.
_PLACE_COMMITTEES = ("区委", "县委", "市委", "省委", "州委", "镇委", "乡委")
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "申屠", "万俟",
)
# Characters that end a title or continue a phrase, never part of a name.
_NOT_IN_NAME = re.compile(rf"{POSTS}|代表|表示|指出|介绍|强调|谈到|认为|透露|时|在|的|说|称")
# Words a clause opens with before the unit: 会上市商务局… is 市商务局.
_LEADING_WORDS = re.compile(
    r"(?:会上|日前|近日|昨日|昨天|今天|今日|当天|当日|随后|此外|同时|对此|其中|另外|据悉|记者|采访中"
    r"|谈及|谈到|本报|上午|下午|晚上|接着|最后|首先|而|也|还|则|就|对于|关于|作为|由|据|他|她|该|专访|访"
    r"|对话|走近|听|有(?=[省市区县]))"
)


# Words of a sentence, never of a unit's name: 记者专访了杭州市西湖区… is no unit.
_NOT_IN_UNIT = re.compile(r"[了的是在对向把被从给让为]|记者|采访")


@dataclass(frozen=True)
class Speaker:
    unit: str
    titles: tuple[str, ...]
    name: str
    # A headline written after the colon on the speaker line itself, with its article offset.
    headline: str
    headline_start: int
    # Prose written after the colon (江岸区委书记某某:今后五年,我们将……): its offset, or -1.
    speech_start: int = -1


def parse_speaker(paragraph: Paragraph) -> Speaker | None:
    """The speaker a line introduces, or None when the line is not a speaker line.

    A line may be unit, titles and name followed by a colon, then nothing, a headline, or the
    speech itself; or only unit, titles and name, spaces allowed and no colon.
    """
    text = _TITLE_LEAD.sub(lambda found: "　" * len(found.group()), paragraph.text)
    text = _NUMBERING.sub(lambda found: "　" * len(found.group()), text)
    text = _TRANSCRIPT_LABEL.sub(lambda found: "　" * len(found.group()), text)
    match = _HEAD.match(text)
    if match:
        parts = split_head(_squeeze(match["head"]))
        if not parts:
            return None
        return _with_rest(parts, match, paragraph)
    if _NAME_LINE.match(text):
        parts = split_head(_squeeze(text))
        if parts:
            return Speaker(*parts, "", paragraph.end)
        row = _TABLE_ROW.match(text)
        # 市发展和改革委员会 何振宇 党组书记、主任: a table's row, the name before the titles.
        parts = row and is_name(row["name"]) and split_head(row["unit"] + row["titles"] + row["name"])
        if parts:
            return Speaker(*parts, "", paragraph.end)
    unit_after = _UNIT_AFTER.match(text)
    if unit_after and is_name(unit_after["name"]):
        unit, titles = unit_after["unit"], _squeeze(unit_after["titles"])
        # 区委副书记、区长 某某(青山区): 青山 + 区委副书记 …, as the title is written in full.
        head = unit[:-1] + titles if titles.startswith(unit[-1] + "委") else unit + titles
        parts = split_head(head + unit_after["name"])
        if parts:
            return _with_rest(parts, unit_after, paragraph)
    titles_after = _TITLES_IN_BRACKETS.match(text)
    if titles_after:
        # 市经信局（局长 赵振宇）: the unit, then its head in brackets.
        head = titles_after["unit"] + _squeeze(titles_after["titles"]) + titles_after["name"]
        parts = split_head(head)
        if parts:
            return _with_rest(parts, titles_after, paragraph)
    bracketed = _BRACKETED.match(text)
    if bracketed and is_name(bracketed["name"]):
        head = bracketed["head"] or bracketed["head2"]
        parts = split_head(_squeeze(head) + bracketed["name"])
        if parts:
            return _with_rest(parts, bracketed, paragraph)
    run_in = _RUN_IN_NAME_LINE.search(text)
    if run_in:
        # 市场监管部门同样提出了硬任务。市市场监管局局长 胡建: a speaker line the page ran into
        # the narration before it; the narration is nobody's words.
        parts = split_head(_squeeze(run_in["line"]))
        if parts:
            return Speaker(*parts, "", paragraph.end)
    return None


def _with_rest(parts: tuple[str, tuple[str, ...], str], line: re.Match, paragraph: Paragraph):
    """The speaker of a line, with what follows the name: a headline, or the speech itself."""
    rest, rest_start = line["rest"], paragraph.start + line.start("rest")
    if rest and not _reads_as_headline(rest):
        return Speaker(*parts, "", rest_start, rest_start)
    return Speaker(*parts, rest, rest_start)


_RUN_IN_NAME_LINE = re.compile(r"[。！？!?]\s*(?P<line>[\u4e00-\u9fff、· \u3000]{5,44})$")


# 区长 王立新(江岸区): titles, name, then the unit in brackets.
_UNIT_AFTER = re.compile(
    rf"^\s*(?P<titles>[\u4e00-\u9fff、]{{2,16}}?)\s*(?P<name>[\u4e00-\u9fff·]{{2,4}})\s*"
    rf"[（(](?P<unit>[\u4e00-\u9fff]{{2,20}}[{''.join(('局', '委', '办', '区', '县', '市', '镇', '乡'))}])"
    rf"[）)]\s*[{COLONS}]?\s*(?P<rest>.*)$"
)
# 市经信局（局长 赵振宇）: the unit first, its head's titles and name in brackets.
_TITLES_IN_BRACKETS = re.compile(
    rf"^\s*(?P<unit>[\u4e00-\u9fff]{{2,20}}?)\s*[（(]\s*(?P<titles>[\u4e00-\u9fff、]{{2,16}}?)[ \u3000]*"
    rf"(?P<name>[\u4e00-\u9fff·]{{2,4}})\s*[）)]\s*[{COLONS}]?\s*(?P<rest>.*)$"
)
_TABLE_ROW = re.compile(
    r"^\s*(?P<unit>[\u4e00-\u9fff]{2,20})[ \u3000]+(?P<name>[\u4e00-\u9fff·]{2,4})[ \u3000]+"
    r"(?P<titles>[\u4e00-\u9fff、]{2,20})\s*$"
)
# A broadcast transcript's label before the words on tape: 【同期声】市交通运输局局长 张某：
_TRANSCRIPT_LABEL = re.compile(r"^\s*[【\[](?:同期声?|同期|采访|现场声)[】\]]\s*")
# The number of an item in a round-up: 1. / 一、 / （一）.
_NUMBERING = re.compile(
    r"^\s*(?:[0-9]{1,2}\s*[.．、]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十0-9]{1,3}[）)])\s*"
)
# 张三(市商务局局长): or 张三 市商务局局长 — the name first.
_BRACKETED = re.compile(
    rf"^(?P<name>[\u4e00-\u9fff·]{{2,4}})"
    rf"(?:[（(](?P<head>[\u4e00-\u9fff、· ]{{3,40}})[）)]\s*[{COLONS}]?"
    r"|\s+(?P<head2>[\u4e00-\u9fff、]{3,40})\s*[：:]?)\s*(?P<rest>.*)$"
)


def split_unit_titles(head: str) -> tuple[str, tuple[str, ...]] | None:
    """Unit and titles with no name: 东西湖区区长 (a headline naming the post only)."""
    for cut in range(len(head) - 1, 1, -1):
        unit = head[:cut]
        if "、" in unit or not unit.endswith(_UNIT_SUFFIXES) or unit.endswith(_ORGANS):
            continue
        if re.fullmatch(rf"{_TITLE}(?:、{_TITLE})*", head[cut:]):
            unit, titles, _ = _move_committee_to_title(unit, head[cut:].split("、"), "")
            return unit, titles
    return None


# 专访江岸区区长某某: / 访谈|对话 … — the interview's lead word is no part of the unit.
_TITLE_LEAD = re.compile(
    r"^[■●◆▲★□◇▶►\s]*(?:[^：:丨|｜]{0,12}[丨|｜]\s*)?(?:专访|访谈|对话|走近|访)?"
    r"(?=[\u4e00-\u9fff]{4})"
)


def _squeeze(head: str) -> str:
    return re.sub(r"[ \u3000]+", "", head)


def _reads_as_headline(text: str) -> bool:
    return len(text) <= 30 and not re.search(r"[。！？!?；;]", text) and text.count("，") <= 1


def split_head(head: str) -> tuple[str, tuple[str, ...], str] | None:
    """Unit, titles and name: the unit is the longest prefix ending in a unit suffix after which
    the rest parses as titles and a name; roles before a 、 that the rest does not parse with are
    concurrent roles (市人大代表、市交通运输局局长某某)."""
    found = _split_one_unit(head)
    if found:
        return found
    position = head.find("、")
    while position != -1:
        front, tail = head[:position], head[position + 1 :]
        found = _split_one_unit(tail)
        if found and 2 <= len(front):
            unit, titles, name = found
            placed = split_unit_titles(front)
            if unit.startswith(_LEVELS) and placed and not placed[0].startswith(_LEVELS):
                # 江岸区委书记、区人大常委会主任某某: the later unit names no place (区人大常委会),
                # so the person speaks for the place named first.
                return placed[0], placed[1] + (unit + "".join(titles),), name
            return unit, tuple(front.split("、")) + titles, name
        position = head.find("、", position + 1)
    return None


_LEVELS = ("省", "市", "区", "县", "镇", "乡")


def _split_one_unit(head: str) -> tuple[str, tuple[str, ...], str] | None:
    for cut in range(len(head) - 1, 1, -1):
        unit = head[:cut]
        if "、" in unit or not unit.endswith(_UNIT_SUFFIXES) or unit.endswith(_ORGANS):
            continue
        match = _TITLES_AND_NAME.fullmatch(head[cut:])
        if match and is_name(match["name"]):
            return _move_committee_to_title(unit, match["titles"].split("、"), match["name"])
    return None


# Characters no surname is: 区长们怎么说 names nobody.
_NOT_SURNAME = set("们的了是在和与及等这那也都将要说每各全本该其此我你他她")


def is_name(name: str) -> bool:
    """Two or three characters, four after a compound surname, and no title word inside."""
    if not 2 <= len(name) <= 4 or _NOT_IN_NAME.search(name) or name[0] in _NOT_SURNAME:
        return False
    return len(name) < 4 or name.startswith(COMPOUND_SURNAMES) or "·" in name


def _move_committee_to_title(unit: str, titles: list[str], name: str):
    committee = unit[-2:]
    if committee in _PLACE_COMMITTEES and not titles[0].startswith(_ORGANS):
        # 市委书记 with no place named keeps the unit 市委 (the parser names the article's city).
        titles[0] = committee + titles[0]
        if len(unit) > 2:
            unit = unit[:-1]
    return unit, tuple(titles), name


# --- Speakers named inside prose: 市商务局局长某某表示, …… / “……”某某说。 -------------------------

SPEECH_VERBS = (
    "介绍说|表示说|指出说|强调说|表示|说|指出|介绍|强调|谈到|称|认为|透露|坦言|告诉记者|提出|谈及|展望|坦承"
    "|说道|补充道|解释|直言|表态|感慨|坦率地说"
)
# How it is said, between the name and the verb: 开门见山地说, 笑着说, 动情地介绍.
_MANNER = r"(?:[\u4e00-\u9fff]{2,4}地|笑着|笑言道?)?"
# Between the name and the verb: 在接受记者采访时, 在会上, 向记者, 接受专访时.
_VERB_AFTER_NAME = re.compile(
    rf"(?:同志)?(?:(?:[0-9一二三四五六七八九十]{{1,2}}月)?[0-9一二三四五六七八九十]{{1,3}}日|日前|近日|昨天|昨日"
    rf"|今天|今日|当天|上午|下午)?"
    rf"(?:在[^，。；！？“”\n]{{0,30}}?(?:时|上|中|期间)[，,]?)?"
    rf"(?:接受[^，。；！？\n]{{0,20}}?(?:采访|专访|访谈)时?[，,]?)?"
    rf"(?:向记者|对记者|对本报记者|向本报记者)?"
    rf"{_MANNER}(?P<verb>{SPEECH_VERBS}|代表[^，。；]{{0,12}}?作[^，。；]{{0,12}}?报告)"
)
_POST_MENTION = re.compile(rf"(?:{POSTS})")
# 丨 (U+4E28) is a column separator (专访丨…), not a character of a unit's name.
_HAN_RUN_CHAR = re.compile(r"[\u4e00-\u4e27\u4e29-\u9fff、·]")
# What may follow a name: punctuation, or a word that starts the rest of the sentence
# (市经信局局长龚建新接受记者采访 / 在会上 / 一行 / 同志).
_NAME_BOUNDARY = re.compile(
    r"[\s，,。：:、“”\"（）()；;！!？?——]|$|接受|在|向|对|就|作|出席|参加|带队|带领|一行|同志|日前|近日"
    r"|和|与|及|等|把|将|则|也|还|面对面|先生|女士"
)
_MAX_HEAD = 40


@dataclass(frozen=True)
class Mention:
    """A unit, titles and name written in prose, with the speech verb after it if any."""

    unit: str
    titles: tuple[str, ...]
    name: str
    start: int
    end: int  # after the name
    verb_end: int  # after the speech verb, or -1 when no speech verb follows


def find_mentions(text: str, section_unit: str | None = None) -> list[Mention]:
    """Every unit+titles+name written in the text, in order; linear in the text's length.

    ``section_unit`` is the unit a section's subtitle or label names (市医保局：让群众看病更省心,
    【市交通运输局】): a bare head's post (该局局长王某, 局长李某) is its head's."""
    mentions: list[Mention] = []
    for post in _POST_MENTION.finditer(text):
        end = post.end()
        if end < len(text) and text[end] == "、" or (mentions and post.start() < mentions[-1].end):
            continue
        mention = _mention_at(text, post.start(), end, section_unit)
        if mention:
            mentions.append(mention)
    named_first = [
        mention for mention in _names_first(text)
        if not any(other.start < mention.end and mention.start < other.end for other in mentions)
    ]
    return sorted(mentions + named_first, key=lambda mention: mention.start)


# 黄丽萍（县工业和信息化局局长）介绍: the name first, the unit and titles in brackets after it.
_NAME_FIRST = re.compile(
    r"(?<![\u4e00-\u9fff·])(?P<name>[\u4e00-\u9fff·]{2,4})[（(](?P<head>[\u4e00-\u9fff、]{3,30})[）)]"
)


def _names_first(text: str) -> list[Mention]:
    found = []
    for match in _NAME_FIRST.finditer(text):
        if not is_name(match["name"]):
            continue
        parts = split_head(match["head"] + match["name"])
        if parts:
            verb = _VERB_AFTER_NAME.match(text, match.end())
            found.append(Mention(*parts, match.start(), match.end(), verb.end() if verb else -1))
    return found


def _mention_at(
    text: str, post_start: int, post_end: int, section_unit: str | None = None
) -> Mention | None:
    # The name may stand between spaces: 青山区委书记 彭浩 作了讲话.
    name_start = post_end
    while name_start < len(text) and name_start - post_end < 2 and text[name_start] in " \u3000":
        name_start += 1
    for length in (2, 3, 4):
        name_end = name_start + length
        name = text[name_start:name_end]
        if len(name) < length or not re.fullmatch(r"[\u4e00-\u9fff·]+", name) or not is_name(name):
            continue
        after = name_end
        while after < len(text) and after - name_end < 2 and text[after] in " \u3000":
            after += 1
        verb = _VERB_AFTER_NAME.match(text, after)
        if not verb and not _NAME_BOUNDARY.match(text, after) and after == name_end:
            continue
        run_start = post_start
        while run_start > 0 and post_start - run_start < _MAX_HEAD and _HAN_RUN_CHAR.match(
            text[run_start - 1]
        ):
            run_start -= 1
        for start in range(run_start, post_start):
            if _LEADING_WORDS.match(text, start) or text[start] == "、":
                continue
            parts = split_head(text[start:post_end] + name)
            if parts and not _NOT_IN_UNIT.search(parts[0]):
                return Mention(*parts, start, name_end, verb.end() if verb else -1)
        post = text[post_start:post_end]
        named_before = _unit_named_before(text, post_start, post) or _section_head(
            text, post_start, post, section_unit
        )
        if named_before:
            # 记者来到市数据资源局，专访了局长许宁: the unit was named earlier in the sentence.
            return Mention(
                named_before, (text[post_start:post_end],), name, post_start, name_end,
                verb.end() if verb else -1,
            )
        head = _HEAD_OF_GOVERNMENT.search(text, max(0, post_start - 4), post_end)
        if head and head.end() == post_end:
            # 副市长胡嘉宁介绍: a head of government named without the place; the parser names it.
            # Named without a verb (与县长谭新面对面), they speak when a later tag names them.
            unit = head["level"] + "政府"
            return Mention(
                unit, (head.group(),), name, head.start(), name_end, verb.end() if verb else -1
            )
    return None


_HEAD_OF_GOVERNMENT = re.compile(r"(?:常务)?副?(?P<level>[市区县镇乡])长")
# The post that heads a department: a 局 has its 局长, a 委 or 办 or 中心 its 主任, a 厅 its 厅长
# (the longer kinds first, as the patterns below try them in this order).
_HEAD_POST = {"局": "局长", "委员会": "主任", "委": "主任", "办公室": "主任", "办": "主任",
              "厅": "厅长", "中心": "主任"}
_DEPARTMENT = rf"[省市区县][\u4e00-\u9fff]{{1,14}}?(?:{'|'.join(_HEAD_POST)})"
# A department named in a sentence before its head is (在市农业农村局，局长高德胜…).
_DEPARTMENT_NAMED = re.compile(
    rf"[省市区县][\u4e00-\u9fff]{{1,12}}?(?P<kind>{'|'.join(_HEAD_POST)})(?=[，,的])"
)
_SENTENCE_START = re.compile(r"[。！？!?\n]")


def section_unit(text: str) -> tuple[str, bool] | None:
    """The unit a section opens with, and whether the line is only that (a subtitle):
    市医保局：让群众看病更省心 / 【市住建局】今年将改造老旧小区300个…"""
    found = _SECTION_UNIT.match(text)
    if not found:
        return None
    rest = text[found.end() :]
    unit = found["label"] or found["subtitle"]
    return unit, len(rest) <= 30 and not re.search(r"[。！？!?；;，,]", rest)


_SECTION_UNIT = re.compile(
    rf"^\s*(?:[【\[](?P<label>{_DEPARTMENT})[】\]]|(?P<subtitle>{_DEPARTMENT})[：:])\s*"
)


def _section_head(text: str, post_start: int, post: str, unit: str | None) -> str | None:
    """The section's unit for a bare head's post standing alone or after 该局 (该局局长王红梅)."""
    if not unit:
        return None
    kind = next((kind for kind in _HEAD_POST if unit.endswith(kind)), None)
    before = text[max(0, post_start - 2) : post_start]
    alone = post_start == 0 or not _HAN_RUN_CHAR.match(text[post_start - 1]) or before in (
        "该局", "该委", "该办", "该厅"
    )
    return unit if kind and _HEAD_POST[kind] == post and alone else None


def _unit_named_before(text: str, post_start: int, post: str) -> str | None:
    """The department a bare post (局长许宁) heads: the last one named earlier in its sentence,
    right before a comma or 的 (来到市数据资源局，专访了局长许宁), when the post is its head's."""
    if post_start == 0 or text[post_start - 1] not in "，,了的":
        return None
    stops = list(_SENTENCE_START.finditer(text, max(0, post_start - _MAX_HEAD), post_start))
    sentence_start = stops[-1].end() if stops else max(0, post_start - _MAX_HEAD)
    named = list(_DEPARTMENT_NAMED.finditer(text, sentence_start, post_start))
    if named and _HEAD_POST[named[-1]["kind"]] == post:
        return named[-1].group()
    return None


def is_pronoun(who: str) -> bool:
    """他, 她, or 这位局长: a tag naming whoever was just speaking or named."""
    return who in ("他", "她") or who.startswith("这位")


def name_tag_pattern(names: list[str]) -> re.Pattern:
    """A speech tag naming a known speaker by name alone, by surname and post, or by pronoun."""
    return _name_tag_pattern(frozenset(names))


# Compiling the pattern costs milliseconds; an article's parse asks for it again at each speaker
# it meets, and every parse of the same article for the same ones.
@lru_cache(maxsize=1024)
def _name_tag_pattern(names: frozenset[str]) -> re.Pattern:
    alternatives = [re.escape(name) for name in sorted(names, key=len, reverse=True)]
    alternatives += [
        re.escape(name[:2] if name.startswith(COMPOUND_SURNAMES) else name[0]) + rf"(?:{POSTS})"
        for name in names
    ]
    alternatives += ["[他她]", rf"这位(?:{POSTS})"]
    return re.compile(
        rf"(?P<who>{'|'.join(alternatives)})(?:还|也|又|则|进一步|同时|最后|特别)?"
        + _VERB_AFTER_NAME.pattern
    )
