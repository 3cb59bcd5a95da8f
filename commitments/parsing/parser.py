"""Parse an article of the genre into departments, officials, commitments and their classes.

The source is read by ``readers.read_source`` (one reader per format); the grammar matches on its
``parse_text`` (simplified characters, full-width punctuation) and every span is sliced from its
``text``, which has the same length.
"""

import re

from .aliases import department_aliases
from .blocks import ArticleTooLarge, Block, lay_out
from .decoding import split_paragraphs
from .errors import ArticleParseError
from .metadata import read_metadata
from .models import ParsedArticle, ParsedCommitment, ParsedDepartment, ParsedOfficial
from .places import WUHAN_DISTRICTS, article_city
from .statements import (
    ENDED_PLANS,
    THIS_YEAR_IS_PAST,
    Statement,
    ended_plans,
    past_statements,
    split_statements,
)
from .targets import find_targets, governing_deadline
from .tokens import dominant_theme, goals_of, lexicon_words, search_tokens, themes_of

try:  # the readers package (teammate readers); the plain decoder until it lands
    from .readers import read_source
except ImportError:  # pragma: no cover
    read_source = None

GOALS_CITY = "武汉"
_END_MARK = re.compile(r"^[(（【\[]?(?:完|全文完|END)[)）】\]]?$", re.I)
_CLOSING = "。！？!?”’」』…）)】]"


def parse_article(
    raw: bytes | str,
    filename: str | None = None,
    city: str | None = None,
    max_commitments: int | None = None,
    max_departments: int | None = None,
) -> ParsedArticle:
    """Parse raw bytes or text; raises ArticleParseError on input that is no article of the genre.

    ``city`` overrides the city read from the article; the 五个中心 goals are linked for Wuhan only.
    ``max_commitments`` / ``max_departments`` refuse an over-large article before the costly
    classification.
    """
    text, parse_text, source_format, url, title_hint = _read(raw, filename)
    paragraphs = split_paragraphs(parse_text)
    _refuse_plan_outline(paragraphs)
    layout = lay_out(paragraphs, max_departments)
    metadata = read_metadata(
        layout.header, layout.footer, paragraphs=paragraphs, url=url, title_hint=title_hint
    )
    year = metadata.published_at.year if metadata.published_at else None
    late = bool(metadata.published_at and metadata.published_at.month >= 10)
    token = THIS_YEAR_IS_PAST.set(late)
    ended = ENDED_PLANS.set(ended_plans(year, late))
    try:
        return _parse(text, parse_text, source_format, url, title_hint, paragraphs, layout,
                      metadata, year, city, max_commitments)
    finally:
        ENDED_PLANS.reset(ended)
        THIS_YEAR_IS_PAST.reset(token)


def _parse(text, parse_text, source_format, url, title_hint, paragraphs, layout, metadata, year,
           city, max_commitments) -> ParsedArticle:
    city = city or article_city(metadata, layout, parse_text)
    statements = _statements(layout.blocks, max_commitments)
    departments: dict[str, ParsedDepartment] = {}
    for block, (found, past) in zip(layout.blocks, statements):
        unit = _placed_unit(block.speaker.unit, layout.blocks, city, parse_text)
        department = _department(text, parse_text, block, unit, found, past, year, city)
        same = departments.get(department.name)
        if same:
            _merge_same_unit(same, department)
        else:
            departments[department.name] = department
    return ParsedArticle(
        title=_original(text, parse_text, metadata.title) or (title_hint or ""),
        published_at=metadata.published_at,
        source=_original(text, parse_text, metadata.source),
        editor=_original(text, parse_text, metadata.editor),
        reporters=metadata.credits.get("记者", []),
        correspondents=metadata.credits.get("通讯员", []),
        text=text,
        departments=list(departments.values()),
        credits=metadata.credits,
        url=url or getattr(metadata, "url", None),
        city=city,
        format=source_format,
        warnings=_warnings(parse_text, paragraphs, layout),
    )


def _merge_same_unit(same: ParsedDepartment, department: ParsedDepartment) -> None:
    """A second speaker of a unit already named (镇长 after 镇党委书记) joins its department: the
    importer keeps one department, statement and official per unit and article, so the department
    stays the first speaker's; the second is added to ``officials`` (a titles list of the same
    person grows) and each of its commitments keeps its own speaker's name."""
    (newcomer,) = department.officials
    known = next((o for o in same.officials if o.name == newcomer.name), None)
    if known is None:
        same.officials.append(newcomer)
    else:
        known.titles.extend(t for t in newcomer.titles if t not in known.titles)
    same.commitments.extend(department.commitments)


def _original(text: str, parse_text: str, found: str) -> str:
    """A string read on the parse text, as the source writes it."""
    position = parse_text.find(found) if found else -1
    return text[position : position + len(found)] if position >= 0 else found


def _read(raw, filename):
    if read_source is not None:
        source = read_source(raw, filename)
        return source.text, source.parse_text, source.format, source.url, source.title_hint
    from .decoding import decode

    text = decode(raw)
    return text, text, "text", None, None


def _refuse_plan_outline(paragraphs) -> None:
    """A plan document (第一章, 目录 …) is refused by the outline detector's one sentence."""
    try:
        from .outline import looks_like_plan_outline
    except ImportError:  # pragma: no cover - the detector is teammate readers' module
        return
    reason = looks_like_plan_outline(paragraphs)
    if reason:
        raise ArticleParseError(reason)


def _statements(blocks: list[Block], limit: int | None):
    """Each block's commitments and past sentences; refused as soon as the commitments exceed the
    limit, before any costly classification."""
    statements, count = [], 0
    for block in blocks:
        found, past = [], []
        for paragraph in block.body:
            found.extend(split_statements(paragraph))
            past.extend(past_statements(paragraph))
            if limit is not None and count + len(found) > limit:
                raise ArticleTooLarge(
                    f"The article has more than {limit} commitments (line {paragraph.line} "
                    f"goes past the limit of {limit}).",
                    what="commitments",
                    count=count + len(found),
                    limit=limit,
                )
        for paragraph in block.context:
            past.extend(past_statements(paragraph))
        count += len(found)
        statements.append((found, past))
    return statements


# A committee or government named without its place (区委常委 …, 县委书记 …) stands for the place.
_BARE_UNITS = {
    "市委": "市", "区委": "区", "县委": "县", "市政府": "市", "区政府": "区", "县政府": "县",
    "镇政府": "镇", "乡政府": "乡",
    "镇委": "镇", "乡委": "乡", "州委": "州", "省委": "省",
}
_NO_PLACE = set("全本该各此我城市新园辖片社景老")
# The last character of a kind of zone, no place: 开发区, 示范区, 保护区, 功能区, 风貌区, 核心区 …
_ZONE_ENDS = set("发范护能貌心载验贸税聚游住础")
_VERB_TAILS = set("进到在赴至于往和与及访走了对向从来")


def _placed_unit(unit: str, blocks, city: str | None, parse_text: str) -> str:
    """区委 → the article's district (江岸区): another speaker's unit of that level, else the place
    the text names most often at that level, else, for 市委, the article's city."""
    level = _BARE_UNITS.get(unit)
    if level is None:
        return unit
    if level == "市" and city:
        return f"{city}市"
    for block in blocks:
        other = block.speaker.unit
        if other.endswith(level) and other not in _BARE_UNITS and len(other) >= 3:
            return other
    if level == "区" and city == GOALS_CITY:
        # A Wuhan district named in the text (东西湖区, the account 东西湖发布), the most named
        # first; a district's name alone may be a word (绿水青山, 长江岸线).
        named_districts = {
            district: parse_text.count(district + "区") + parse_text.count(district + "发布")
            for district in WUHAN_DISTRICTS
            if len(district) <= 3
        }
        named_districts = {name: count for name, count in named_districts.items() if count}
        if named_districts:
            return max(named_districts, key=named_districts.get) + "区"
    counts: dict[str, int] = {}
    # A place, not a word that starts with the level (市民, 区域, 县城 …).
    named = re.compile(rf"([\u4e00-\u9fff]{{2,3}}?){level}(?![民场域城内级属直委政长])")
    for found in named.finditer(parse_text[:20000]):
        place = found.group(1)
        if len(place) == 3 and place[0] in _VERB_TAILS:
            place = place[1:]  # 走进河湾县, 来到临江县: the verb is no part of the place
        if place[-1] not in _NO_PLACE | _ZONE_ENDS and place[0] not in _NO_PLACE:
            counts[place] = counts.get(place, 0) + 1
    if counts:
        return max(counts, key=counts.get) + level
    if level == "市" and city:
        return f"{city}市"
    return unit


def _department(text, parse_text, block, unit, statements, past, year, city) -> ParsedDepartment:
    block_text = parse_text[block.headline_start : block.body[-1].end] if block.body else ""
    names = _names(block)
    wuhan = city == GOALS_CITY
    commitments = [_commitment(text, parse_text, s, year, names, wuhan) for s in statements]
    for commitment in commitments:
        commitment.official = block.speaker.name
    _attach_baselines(commitments, past, text, parse_text, year)
    _give_every_commitment_a_theme(commitments, _without_names(block_text, names))
    speaker = block.speaker
    return ParsedDepartment(
        name=unit,
        aliases=department_aliases(unit, block_text),
        official=ParsedOfficial(speaker.name, list(speaker.titles)),
        headline=text[block.headline_start : block.headline_end],
        headline_start=block.headline_start,
        headline_end=block.headline_end,
        commitments=commitments,
    )


def _names(block: Block) -> list[str]:
    name = block.speaker.name
    return [name, name[:2] if len(name) == 4 else name[0] + "局长"]


def _without_names(text: str, names: list[str]) -> str:
    """The text with people's names blanked out, so that 余文化 is not read as 文化."""
    for name in names:
        if len(name) >= 2:
            text = text.replace(name, "　" * len(name))
    return text


# The base of a ratio (研发投入占地区生产总值比重, 占GDP的比例) is what the figure is measured against,
# not what the commitment serves: it is no goal evidence.
_RATIO_BASE = re.compile(r"占[^，。；,;：:]{1,16}?(?:的)?(?:比重|比例)")


def _without_ratio_bases(text: str) -> str:
    return _RATIO_BASE.sub(lambda match: "　" * len(match.group()), text)


def _commitment(text, parse_text, statement: Statement, year, names, wuhan) -> ParsedCommitment:
    body = parse_text[statement.start : statement.end]
    words = lexicon_words(_without_names(body, names))
    # The title as written in the source (traditional characters stay traditional).
    title_start = statement.start + max(body.find(statement.title), 0)
    return ParsedCommitment(
        title=text[title_start : title_start + len(statement.title)],
        text=text[statement.start : statement.end],
        start=statement.start,
        end=statement.end,
        themes=themes_of(words),
        goals=goals_of(lexicon_words(_without_names(_without_ratio_bases(body), names)))
        if wuhan
        else [],
        targets=_targets(text, parse_text, statement, year),
        search_tokens=" ".join(search_tokens(statement.title + " " + body)),
    )


def _targets(text, parse_text, statement: Statement, year):
    """The statement's targets; a piece of a longer sentence reads the whole sentence, so that its
    figures keep the sentence's deadline year, and keeps the targets within its own span.

    A piece that names no deadline of its own is held to the last one before it in the sentence
    (今年，新建20所学校，改扩建35所学校: the second is due this year too), whose words lie
    before the piece, as a baseline's do."""
    if statement.sentence_start < 0:
        body = parse_text[statement.start : statement.end]
        return find_targets(body, statement.start, year, original=text)
    sentence = parse_text[statement.sentence_start : statement.sentence_end]
    found = find_targets(sentence, statement.sentence_start, year, original=text)
    inside = [t for t in found if statement.start <= t.start and t.end <= statement.end]
    for target in inside:
        # A phrase cut at the piece's edge stays within it.
        target.start = max(target.start, statement.start)
        target.end = min(target.end, statement.end)
        target.text = text[target.start : target.end]
    if not any(target.kind == "deadline" for target in inside):
        deadlines = [target for target in found if target.kind == "deadline"]
        governing = governing_deadline(sentence, statement.sentence_start, deadlines, statement.start)
        inside[:0] = [governing] if governing else []
    return inside


def _attach_baselines(commitments, past: list[Statement], text, parse_text, year) -> None:
    """A past figure (2020年…达到300家) is a baseline of the commitment that follows it, or of the
    last one when none follows."""
    if not commitments:
        return
    # A past sentence that names no year goes on reporting the year of the one before it in the
    # same paragraph (2020年,全区…达到980亿元。新增项目36个…).
    previous_end, previous_year = -1, None
    for statement in past:
        body = parse_text[statement.start : statement.end]
        baselines = [
            target
            for target in find_targets(body, statement.start, year, original=text, past=True)
            if target.kind == "baseline"
        ]
        same_paragraph = 0 <= previous_end <= statement.start and "\n" not in parse_text[
            previous_end : statement.start
        ]
        if same_paragraph and previous_year:
            for target in baselines:
                if target.year is None:
                    target.year = previous_year
        previous_end = statement.end
        inherited = previous_year if same_paragraph else None
        previous_year = next((t.year for t in baselines if t.year), inherited)
        if not baselines:
            continue
        following = next((c for c in commitments if c.start >= statement.end), commitments[-1])
        following.targets.extend(baselines)


def _give_every_commitment_a_theme(commitments: list[ParsedCommitment], block_text: str) -> None:
    """A commitment that names no theme belongs to its block's most named theme.

    The block runs from the headline to the last paragraph: a theme named only in the headline
    (“五化统计”) still counts.
    """
    themeless = [commitment for commitment in commitments if not commitment.themes]
    if themeless:
        theme = dominant_theme(lexicon_words(block_text))
        for commitment in themeless:
            commitment.themes = [theme]


def _warnings(parse_text: str, paragraphs, layout) -> list[str]:
    """A text cut short: it ends mid-sentence, or carries a continuation mark (未完待续)."""
    body = [paragraph for block in layout.blocks for paragraph in block.body] + layout.unspoken
    # A caption-like word or an end mark (会议现场, （完）) is no prose to judge the ending by.
    body = [p for p in body if len(p.text) > 6 and not _END_MARK.match(p.text)]
    if not body:
        return []
    last = max(body, key=lambda paragraph: paragraph.end)
    tail = last.text.rstrip()
    if layout.continued:
        return [
            f"The text is marked as continued (未完待续): it ends on line {last.line} "
            f"with “{tail[-20:]}”, and the rest of the article is missing."
        ]
    if tail and not tail.endswith(tuple(_CLOSING)):
        return [
            f"The text ends mid-sentence on line {last.line} with “{tail[-20:]}”: the article "
            "looks cut short, and commitments after that point are missing."
        ]
    return []

