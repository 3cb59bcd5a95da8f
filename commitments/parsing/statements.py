"""Split a block's paragraphs into commitments: headed paragraphs, items, action sentences."""

import re
from contextvars import ContextVar
from dataclasses import dataclass

from .decoding import Paragraph
from .lexicons import PLAN_PERIODS
from .metadata import dateline_end
from .numerals import number
from .punctuation import CLAUSE_BREAK, COLONS, FULL_STOP, GAP, SENTENCE, TRAILING_SEPARATORS

ACTION_VERBS = (
    "推进", "推动", "推行", "推广", "推出", "加快", "加强", "加密", "建立", "建成", "建设", "健全",
    "完善", "实施", "实行", "实现", "打造", "打通", "打响", "深化", "构建", "构筑", "探索", "提升",
    "提高", "开展", "开发", "强化", "优化", "落实", "促进", "发挥", "保持", "激发", "营造", "培育",
    "培养", "创建", "创新", "拓展", "巩固", "防范", "防止", "利用", "运用", "做强", "做大", "做好",
    "确保", "争取", "弘扬", "振兴", "擦亮", "新建", "清理", "严格", "关注", "聚焦", "统筹", "锚固",
    "增强", "整合", "编制", "确立", "抢抓", "调整", "扩大", "鼓励", "解决", "保障", "提供", "支持",
    "引进", "坚持", "着力", "大力", "新增", "力争", "启动", "开工", "改造", "扶持", "引导", "布局",
    "谋划", "升级", "争创", "筹建", "举办", "办好", "出台", "制定", "设立", "组建", "带动", "吸引",
    "承接", "畅通", "补齐", "壮大", "发展", "助力", "加速", "招引", "织密", "延伸", "覆盖", "全面",
    "深入", "持续", "形成", "达到", "突破", "建好", "用好", "抓好", "办成", "改善", "改革",
    "开通", "开辟", "投用", "投运", "通车", "竣工", "完工", "增设", "新设", "落地", "降低", "减少",
    "压缩", "缩短", "增加", "新开", "改扩建", "引育", "培训", "减免", "创成", "申创", "新改建",
    "改建", "扩建", "整治", "治理", "修复", "守住", "守好", "新修", "修建", "铺设", "安排",
    "控制在", "稳定在", "提高到", "提升到", "下降", "超过", "认定",
)
_ACTION = re.compile("|".join(ACTION_VERBS))
# A verb this close to the start of a clause is what the clause is about (要抢抓…, 全面推进…).
_LEADING_VERB_POSITION = 3
# Pledging to study a meeting's spirit or to contribute, closing rhetoric. Naming 全会 or 建议 is
# no framing by itself: 按照全会部署,将加快… is a commitment.
_FRAMING = re.compile(
    r"(?:做出|作出|做)[^，,。；;]{0,12}贡献|只争朝夕|久久为功|乘风破浪"
    r"|^[^，,。；;]{0,8}是[^，,。；;]{0,24}之年"
    r"|(?:学习|贯彻|落实|按照|领会|践行)[^，,。；;]{0,16}(?:全会|会议|讲话|公报)精神"
)
# A slogan of the year's start with no figure (…跑出加速度, 确保开好局、起好步) pledges nothing checkable.
_RHETORIC = re.compile(r"跑出加速度|开好局|起好步|谱写[^，,。；;]{0,12}新篇章|交出[^，,。；;]{0,8}答卷")
# A quotation of a higher-level document or meeting: 政府工作报告提出,…… / 市委十三届十次全会提出,要……
# (the document's words, not the speaker's commitment). 全会提出的目标 is a reference, not a quote.
_DOCUMENT_QUOTE = re.compile(
    r"^(?:[^，,。；;]{0,6}[，,])?[^，,。；;]{0,20}?"
    r"(?:报告|规划|纲要|建议|《[^》]{1,40}》|全会|会议|党代会|代表大会|文件|意见|方案|精神|中央|省委|市委)"
    r"(?:中|里|上)?(?:明确)?(?:提出|指出|要求|强调|明确|部署|描绘|擘画|写道)(?!的)"
)
# Forward words make a sentence a commitment; past results without them are context (baselines).
FORWARD = re.compile(
    rf"将|要|力争|争取|计划|预计|拟|(?:到|至){GAP}(?:19|20)[0-9]{{2}}{GAP}年"
    rf"|(?:19|20)[0-9]{{2}}{GAP}年(?:底前|前|以前|之前)"
    r"|十四五|十五五|下一步|接下来|今后|明年|未来|五年内|年内|确保|继续|进一步|着力|努力|打算|目标"
)
PAST = re.compile(
    r"近年来|近几年|[一二三四五六七八九十两几多]年来"
    r"|从[^，。；]{1,20}(?:跃升|增长|提高|提升)(?:到|至)"
    r"|近[一二三四五两几]年|过去[一二三四五两几]年|已经|已累计|已建成|已完成|已有|已达"
    r"|已实现|已形成|已开通|已落户|已获批|已成为|已(?:[\u4e00-\u9fff]{1,4})了|累计|同比|去年|今年以来|截至|截止|先后|相继|取得了|实现了"
    r"|完成了|达到了|建成了|增长了|新增了|引进了|创下|(?:推动|推进|打造|实施|建设|开展|培育|获批|获得|举办|出台)了"
    rf"|(?<![到至0-9])(?<![到至] )(?:19|20)[0-9]{{2}}{GAP}年(?!底前|前|以前|之前|[0-9])"
    r"|(?<![到至〇零一二三四五六七八九])[一二]〇[〇零一二三四五六七八九]{2}年(?!底前|前|以前|之前)"
)
# A heading sentence: short, no comma, ends the moment it has named the task (千方百计稳定和扩大就业。).
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A list's bullet: ✅ ▶ 🔸 📌 💡 • ● ■ ◆ ★ - …, emoji included.
_BULLET = re.compile(r"^[✅✔☑▶►▸•●■◆◇★☆➤→\-\u2600-\u27bf\U0001F300-\U0001FAFF\ufe0f\s]+(?=[\u4e00-\u9fff“0-9])")
_COURTESY = re.compile(r"谢谢|感谢|各位|大家好")
_HEADING = re.compile(r"[^。！？!?；;，,：:]{2,25}[。！!]")
_NUMERAL = "[一二三四五六七八九十]+"
# A marker opens the paragraph or follows a stop or a comma, so that 第一批 or 唯一是 are no items.
_AFTER_BREAK = r"(?<![^。！？!?；;，,：:])"
_MARKERS = (
    re.compile(rf"{_AFTER_BREAK}(?P<number>{_NUMERAL})是"),
    re.compile(rf"{_AFTER_BREAK}[(（](?P<number>{_NUMERAL}|[0-9]{{1,2}})[)）]"),
    re.compile(rf"{_AFTER_BREAK}第(?P<number>{_NUMERAL})[，,、：:]"),
)


@dataclass(frozen=True)
class Statement:
    """A commitment's title and its span in the article text."""

    title: str
    start: int
    end: int
    # The sentence, to its full stop, a statement was cut from (several measured actions, or a
    # part after a semicolon): its deadline (今后五年,…) still sets the year of every piece.
    sentence_start: int = -1
    sentence_end: int = -1


def split_statements(paragraph: Paragraph) -> list[Statement]:
    """The commitments of one body paragraph, in order."""
    opening = dateline_end(paragraph.text)
    text, base = paragraph.text[opening:], paragraph.start + opening
    bullet = _BULLET.match(text)
    if bullet:
        return _bullet_item(text, bullet.end(), base)
    markers = _enumeration(text)
    if markers:
        lead_in = _action_sentences(text[: markers[0].start()], base)
        tail_start = _tail_start(text, markers)
        tail = _action_sentences(text[tail_start:], base + tail_start)
        return lead_in + _items(text, markers, tail_start, base) + tail
    heading = _HEADING.match(text)
    if (
        heading
        and _HAN.search(text, heading.end())
        and not re.search(r"[0-9]", heading.group())
        and "是" not in heading.group()  # a judgement (粮食安全是“国之大者”。), not a task
        and not _COURTESY.match(heading.group())  # 谢谢主持人。 / 感谢您的提问。
        and not is_past(heading.group())
    ):
        title = heading.group()[:-1].strip("“”\"「」")
        return [Statement(title, base, paragraph.end)]
    return _action_sentences(text, base)


def _bullet_item(text: str, start: int, base: int) -> list[Statement]:
    """A bulleted line (✅ 新签约亿元以上项目50个；) is a task of a list, a commitment with or
    without a verb of action, unless it reports the past (▶ 2023年，全区……增长8.2%)."""
    start, end = _trim(text, start, len(text))
    item = text[start:end]
    if not _HAN.search(item) or is_past(item) or _is_framing(item):
        return []
    if len(SENTENCE.findall(item)) > 1 or _ACTION.search(item):
        return _action_sentences(item, base + start)
    return [Statement(_first_clause(item), base + start, base + end)]


def _enumeration(text: str) -> list[re.Match]:
    """The markers of the paragraph's enumeration (一是…二是…, (一)…, 第一,…), or []."""
    for pattern in _MARKERS:
        markers = _counting_run(list(pattern.finditer(text)))
        if len(markers) >= 2 or (markers and markers[0].start() == 0):
            return markers
    return []


def _counting_run(markers: list[re.Match]) -> list[re.Match]:
    """Markers counting up by one; only a paragraph that opens with one may start above one."""
    if not markers or (number(markers[0]["number"]) != 1 and markers[0].start() != 0):
        return []
    run = markers[:1]
    for marker in markers[1:]:
        if number(marker["number"]) == number(run[-1]["number"]) + 1:
            run.append(marker)
    return run


def _items(text: str, markers: list[re.Match], last_end: int, base: int) -> list[Statement]:
    ends = [marker.start() for marker in markers[1:]] + [last_end]
    items = []
    for marker, end in zip(markers, ends):
        start, end = _trim(text, marker.end(), end)
        if start < end:
            items.append(Statement(_first_clause(text[start:end]), base + start, base + end))
    return items


def _tail_start(text: str, markers: list[re.Match]) -> int:
    """Where the last item ends.

    Items closed by semicolons (一是…;二是…;三是…。) are clauses of one sentence: the last ends at
    that sentence's stop and what follows is read sentence by sentence. Otherwise the last item,
    like the others, runs on to the end of the paragraph.
    """
    before_last = text[: markers[-1].start()].rstrip()
    if len(markers) == 1 or not before_last.endswith(("；", ";")):
        return len(text)
    stop = FULL_STOP.search(text, markers[-1].end())
    return stop.end() if stop else len(text)


def _action_sentences(text: str, base: int) -> list[Statement]:
    statements = []
    after_past = False
    stops = [found.end() for found in FULL_STOP.finditer(text)]
    for match in SENTENCE.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        sentence = text[start:end]
        past = is_past(sentence) or (after_past and _continues_past(sentence))
        if _ACTION.search(sentence) and not _is_framing(match.group()) and not past:
            whole = _whole_sentence(stops, match.start(), match.end(), len(text))
            statements.extend(_measured_actions(text, start, end, base, whole))
        after_past = past
    return statements


def _whole_sentence(stops: list[int], start: int, end: int, length: int) -> tuple[int, int]:
    """The sentence to its full stop that holds the one cut at a semicolon (start, end):
    今年，改造老旧小区600个；新建城市道路80公里。 is one time, one deadline."""
    whole_start = max((stop for stop in stops if stop <= start), default=0)
    whole_end = min((stop for stop in stops if stop >= end), default=length)
    return whole_start, whole_end


def _continues_past(sentence: str) -> bool:
    """A sentence after a report of past results, with figures and no word of the future, goes on
    reporting (2020年,全区GDP达到980亿元。新增项目36个,完成投资120亿元。): its figures are baselines."""
    return bool(_MEASURE.search(sentence)) and not FORWARD.search(_without_past_phrases(sentence))


_MEASURE = re.compile(
    r"[0-9]+(?:\.[0-9]+)?\s*(?:%|％|个|家|条|所|座|项|公里|亿|万|平方|米|吨|人|户|辆|张|套|倍|亩|公顷|标箱)"
    r"|百分之|[一二三四五六七八九十两百千]+(?:个|家|条|所|座|项|公里|亿|万)"
)


def _measured_actions(
    text: str, start: int, end: int, base: int, whole: tuple[int, int]
) -> list[Statement]:
    """One sentence, or one statement per measured action when it lists two or more.

    新增高速公路里程150公里,推动轨道交通里程达到606公里: an action is a clause led by its verb with
    the clauses that follow it until the next such clause (引进各类金融机构,力争到2023年达到350家
    is one action); when two or more actions carry their own figures, each action is a commitment.
    A list of actions without figures stays one sentence, as the seed article's annotation reads.
    """
    sentence = text[start:end]
    pieces = [(found.start(), found.end()) for found in re.finditer(r"[^，,]+", sentence)]
    led = [index for index, (a, b) in enumerate(pieces) if _leads_with_verb(sentence[a:b])]
    # Words before the first action (今后五年,) belong to it.
    cuts = sorted({0, *led[1:]}) if led else [0]
    groups = [
        sentence[pieces[first][0] : pieces[(cuts + [len(pieces)])[n + 1] - 1][1]]
        for n, first in enumerate(cuts)
    ]
    whole_start, whole_end = base + whole[0], base + whole[1]
    if sum(bool(_MEASURE.search(group)) for group in groups) < 2:
        if whole == (start, end):
            return [Statement(_action_clause(sentence), base + start, base + end)]
        return [Statement(_action_clause(sentence), base + start, base + end, whole_start, whole_end)]
    statements = []
    for number, first in enumerate(cuts):
        last = cuts[number + 1] - 1 if number + 1 < len(cuts) else len(pieces) - 1
        piece_start, piece_end = _trim(text, start + pieces[first][0], start + pieces[last][1])
        if piece_start < piece_end and _ACTION.search(text[piece_start:piece_end]):
            statements.append(
                Statement(
                    _action_clause(text[piece_start:piece_end]),
                    base + piece_start,
                    base + piece_end,
                    whole_start,
                    whole_end,
                )
            )
    return statements


def _leads_with_verb(clause: str) -> bool:
    clause = clause.strip()
    if clause.startswith(("力争", "争取", "确保", "到", "至", "努力")):
        return False  # the measure of the action before it: …,力争到2023年达到350家
    return bool(_ACTION.match(clause, _SUBJECT.match(clause).end()) or _ACTION.match(clause))


def past_statements(paragraph: Paragraph) -> list[Statement]:
    """The sentences of a paragraph that report past results: no commitments, but their figures
    are baselines."""
    statements = []
    after_past = False
    for match in SENTENCE.finditer(paragraph.text):
        start, end = _trim(paragraph.text, match.start(), match.end())
        sentence = paragraph.text[start:end]
        after_past = is_past(sentence) or (after_past and _continues_past(sentence))
        if after_past:
            base = paragraph.start
            statements.append(Statement(sentence[:20], base + start, base + end))
    return statements


# Set by the parser for an article published late in its year (October on): its 今年 is a year
# being reported on (今年全区新增市场主体1.3万户), not one ahead.
THIS_YEAR_IS_PAST: ContextVar[bool] = ContextVar("this_year_is_past", default=False)
_THIS_YEAR = re.compile(r"今年")


# Plans whose period was over when the article was published: 十三五 in the first articles of
# 十四五, 十四五 too once 十五五 has begun (“十四五”期间，全市…突破1.6万家 reports a result).
ENDED_PLANS: ContextVar[tuple[str, ...]] = ContextVar("ended_plans", default=("十三五",))


def ended_plans(published_year: int | None, late: bool = False) -> tuple[str, ...]:
    """The plans over by the time of publication: ended before its year, or ending with it when
    the article is written late in the year (a 年终盘点 of December 2025 reports 十四五's results);
    十三五 always (the genre begins with 十四五)."""
    return ("十三五",) + tuple(
        plan for plan, end in PLAN_PERIODS.items()
        if plan != "十三五" and published_year and (end < published_year or (end == published_year and late))
    )


def past_marker(text: str) -> bool:
    return bool(
        PAST.search(text)
        or (THIS_YEAR_IS_PAST.get() and _THIS_YEAR.search(text))
        or any(plan in text for plan in ENDED_PLANS.get())
    )


def is_past(sentence: str) -> bool:
    """A sentence that reports what was done (十三五期间…累计…) and announces nothing ahead."""
    return past_marker(sentence) and not FORWARD.search(_without_past_phrases(sentence))


def _without_past_phrases(sentence: str) -> str:
    # 要 inside 主要 or 重要 and 目标 inside 完成…目标 are no announcement.
    # “十四五”规划 names a plan (已经成立了“十四五”规划实施工作专班), not a time ahead; nor does a
    # plan that is over.
    ended = "|".join(ENDED_PLANS.get())
    return re.sub(
        rf"主要|重要|需要|只要|想要|纲要|完成[^，。；]{{0,12}}目标|目标任务|[“\"]?十[三四五]五[”\"]?规划|{ended}",
        "",
        sentence,
    )


# A reporter's words even inside a speaker's block: 据了解, …
_NARRATION_OPENING = re.compile(
    r"^(?:据了解|据悉|据介绍|据统计|记者了解到|记者注意到|记者获悉|另据|在[他她]看来)"
)


def _is_framing(sentence: str) -> bool:
    # A sentence ending in a colon only announces what follows (重点抓好三件事:).
    stripped = sentence.strip()
    return (
        bool(_FRAMING.search(stripped))
        or bool(_RHETORIC.search(stripped) and not _MEASURE.search(stripped))
        or bool(_NARRATION_OPENING.match(stripped))
        or bool(_DOCUMENT_QUOTE.search(stripped))
        or stripped.endswith(tuple(COLONS))
        or stripped.endswith(("？", "?"))
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span to its words: no surrounding whitespace, no separator left at either end,
    and no quotation mark left open by a cut (“我们将……; or ……。”)."""
    while True:
        before = (start, end)
        while start < end and text[start] in TRAILING_SEPARATORS:
            start += 1
        while end > start and text[end - 1] in TRAILING_SEPARATORS:
            end -= 1
        if start < end and text[start] in "“\"「" and not re.search("[”」]", text[start + 1 : end]):
            start += 1
        if end > start and text[end - 1] in "”\"」" and not re.search("[“「]", text[start : end - 1]):
            end -= 1
        if (start, end) == before:
            return start, end


def _clauses(sentence: str) -> list[str]:
    return [clause.strip() for clause in CLAUSE_BREAK.split(sentence) if clause.strip()]


def _first_clause(text: str) -> str:
    return (_clauses(text) or [text])[0]


# The subject and modal a clause may open with before its verb: 我们将, 武汉将, 全市还要.
_SUBJECT = re.compile(
    r"^[“\"「]?(?:[\u4e00-\u9fff]{1,6}?(?:还将|也将|将|还要|也要|要|会))?"
    r"(?:全力|加快|大力|积极|着力|努力|持续|进一步|全面|深入|继续|重点|率先|扎实|切实|不断|奋力|力争)?"
)
# A clause that only measures the action before it (力争到2025年…, 确保…) is no title while an
# earlier clause states the action.
_MEASURE_LEAD = ("力争", "争取", "确保", "到", "至")


def _action_clause(sentence: str) -> str:
    """The clause that states the action: the first led by a verb (after its subject and modal:
    我们将加快…), else the first holding one; a clause measuring the action comes last. The title
    drops the subject and modal (着力推进“三业联动”, not 全市三农部门将…) and keeps its quotes balanced."""
    return _title(_chosen_clause(sentence))


# The subject and modal a title drops when an action follows: 全市三农部门将, 我们要, 我市将.
_TITLE_SUBJECT = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:还将|也将|将|还要|也要|要)")
_TITLE_ADVERB = re.compile(
    r"(?:全力|加快|大力|积极|着力|努力|持续|进一步|全面|深入|继续|重点|率先|扎实|切实|不断|奋力)?"
)


def _title(clause: str) -> str:
    clause = _balanced(clause)
    subject = _TITLE_SUBJECT.match(clause)
    if subject:
        rest = clause[subject.end() :]
        adverb = _TITLE_ADVERB.match(rest).end()
        if _ACTION.match(rest, adverb) and len(rest) >= 4:
            return rest
    return clause


def _balanced(clause: str) -> str:
    """Without the quotation marks left open at either end by a cut, and only those."""
    clause = clause.strip()
    while clause[:1] in ("“", "「", '"') and not re.search("[”」\"]", clause[1:]):
        clause = clause[1:]
    while clause[-1:] in ("”", "」", '"') and not re.search("[“「\"]", clause[:-1]):
        clause = clause[:-1]
    return clause


def _chosen_clause(sentence: str) -> str:
    clauses = _clauses(sentence)
    verbs = [_ACTION.search(clause) for clause in clauses]
    measured = [clause.lstrip("“”\"「」").startswith(_MEASURE_LEAD) for clause in clauses]
    for clause, verb, measure in zip(clauses, verbs, measured):
        if verb and not measure and (
            verb.start() <= _LEADING_VERB_POSITION
            or _ACTION.match(clause, _SUBJECT.match(clause).end())
        ):
            return clause
    for clause, verb, measure in zip(clauses, verbs, measured):
        if verb and not measure:
            return clause
    return next(clause for clause, verb in zip(clauses, verbs) if verb)
