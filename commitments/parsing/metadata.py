"""Read the title, dateline, source, place, credits, editor and URL that frame an article.

Metadata is read on the parse text (simplified characters, full-width punctuation); the parser
maps the title back to the original text.

Datelines come in several forms, all read for date, place and source:

- a date line: ``2021-01-05 08:30 来源：长江网``, ``发布时间：2021年01月05日 信息来源：某某日报``;
- a newspaper's: ``本报杭州1月12日讯（记者 王某）`` (place 杭州, source the outlet named elsewhere),
  ``长江日报讯(记者 …)`` (source 长江日报, place its home city), ``本报讯``;
- an agency's: ``新华社武汉1月5日电（记者 …）``;
- a bare date in brackets opening the lead: ``（11月12日）``.

A date without a year takes the year of the page's URL or of another date in the header.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from .decoding import Paragraph, is_furniture
from .punctuation import SENTENCE_STOPS
from .readers.normalise import parse_text_of

WUHAN_TIME = ZoneInfo("Asia/Shanghai")
_DATE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:\s*(?:[T\s]\s*)?(?P<hour>\d{1,2})[:：](?P<minute>\d{2})(?:[:：](?P<second>\d{2}))?)?"
)
_DATE_LABEL = re.compile(r"^(?:发布时间|发布日期|发表时间|发稿时间|更新时间|时间|日期)\s*[:：]")
_SOURCE = re.compile(
    r"(?:来源|稿源|信息来源|文章来源|出处)\s*[:：]\s*(?P<source>[^\s【】\[\]()（）|｜<>]+?)"
    r"(?=作者|编辑|责编|记者|发布|时间|浏览|点击|字号|$|[\s【】\[\]()（）|｜<>])"
)
# 2018年12月28日 19:55 新京报: an outlet's name alone after the date and time.
_OUTLET_AFTER_DATE = re.compile(r"^\s*(?P<source>[\u4e00-\u9fffA-Za-z·]{2,12})\s*$")
# A WeChat account's line: 东西湖发布 2021-01-15 18:30, or 原创 作者 武汉发布 2021-01-15 18:30.
_OUTLET_BEFORE_DATE = re.compile(
    r"^\s*(?:原创\s+)?(?:[\u4e00-\u9fffA-Za-z·]{2,12}\s+)?(?P<source>[\u4e00-\u9fffA-Za-z·]{2,12})\s*$"
)
_EDITOR = re.compile(r"^[【\[]?(?:责任)?编辑\s*[:：]\s*(?P<editor>[^】\]\s]+)")
_EDITOR_CODE = re.compile(r"_[A-Z]{1,4}\d{2,6}$")  # 杨倩_NF4425: a portal's staff code
_EDITOR_ANYWHERE = re.compile(
    r"(?:^|[\s【\[（(】\]])(?:责任编辑|责编|编辑)\s*[:：]\s*(?P<editor>[^】\]）)\s|｜]+)"
)
# The credits close the article, names only: (记者马振华 黄丽娟 通讯员付成荣 统筹倪宁). A sentence
# that starts with 记者 (记者从市统计局获悉,…) has punctuation and is body text.
_CREDITS = re.compile(
    r"^[(（]?\s*(?:本报|长江日报)?(?:见习记者|记者|通讯员|统筹)[^。，,；;！!？?:：]*[)）]?$"
)
_ROLE = re.compile(
    r"^(?:本报|[\u4e00-\u9fff]{2,6}?(?:日报|晚报|晨报|都市报|新闻网|网|电视台))?"
    r"(?:融媒体|全媒体|首席|特约)?(?P<role>见习记者|记者|通讯员|统筹|实习生|摄影)(?P<name>.*)$"
)
_NAME_SEPARATORS = re.compile(r"[\s、,，;；]+")

_CJK = r"\u4e00-\u9fff"
_MONTH_DAY = r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})月(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})日"
# 本报杭州1月12日讯 / 长江日报讯 / 长江日报武汉1月5日讯 / 新华社武汉1月5日电 / 本报讯 / 本报记者 …
_NEWS_DATELINE = re.compile(
    rf"^[【\[]?(?P<outlet>本报|本刊|本台|本网|新华社|中新社|中新网|人民网|央视网|新华网"
    rf"|[{_CJK}]{{2,8}}?(?:日报|晚报|晨报|早报|时报|商报|都市报|快报|新闻网|网|新闻|客户端|融媒|电视台|广播电视台))"
    rf"(?P<place>[{_CJK}]{{2,6}}?)?(?:{_MONTH_DAY})?(?P<kind>讯|电)[】\]]?"
    rf"(?:\s*[（(](?P<credits>[^）)]{{1,80}})[）)])?"
)
_BRACKETED_DATE = re.compile(rf"^[（(]\s*{_MONTH_DAY}\s*[）)]")
_URL_DATE = re.compile(
    r"(?<!\d)(?P<year>20\d{2})[-/_]?(?P<month>0[1-9]|1[0-2])"
    r"(?:[-/_]?(?P<day>0[1-9]|[12]\d|3[01]))?(?!\d)"
)
_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Lines that frame a page and are never its title.
_NOT_TITLE = re.compile(
    r"数字报|电子报|^第\s*[A-Za-z]?\d{1,3}\s*版|^[A-Za-z]?\d{1,3}\s*版\s*[:：]|^(?:当前版|版面|本版)"
    r"|^[【\[][^】\]]{1,20}[】\]]$"  # a column label: 【聚焦十四五】
    r"|^[(（]?\s*(?:本报|本刊)?(?:见习记者|记者|通讯员|文|图|文/图|摄影|作者|撰文|编辑|责任编辑)"
    r"\s*[:：/]?\s*[\u4e00-\u9fff]{2,4}(?:[\s、,，]+[\u4e00-\u9fff]{2,4})*\s*[)）]?$"  # 记者 王某
    r"|^(?:当前位置|您的位置|您当前的位置|位置)\s*[:：]|^(?:首页|网站首页)(?:\s|$|[>›»])"
    r"|^(?:星期|周)[一二三四五六日天]$|^(?:\d{4}年)?\d{1,2}月\d{1,2}日\s*(?:星期|周)[一二三四五六日天]$"
    r"|^(?:字号|字体|分享|打印|关闭|返回|扫一扫|来源|作者|编辑|发布时间)"
    r"|^(?:https?://|www\.)|^原标题\s*[:：]"
    r"|^点击.{0,8}(?:关注|订阅)|关注我们$|^(?:长按|扫码|识别).{0,10}(?:关注|二维码)"  # WeChat's
)
# A masthead: the outlet's or site's name alone on a line (杭州日报, 长江日报数字报纸, 临溪发布,
# 长江网, 某某区人民政府网), above the headline. Its name is the source when nothing else names one.
_MASTHEAD = re.compile(
    r"^(?P<outlet>[\u4e00-\u9fff]{2,10}(?:日报|晚报|晨报|早报|时报|商报|都市报|快报|周刊)"
    r"|[\u4e00-\u9fff]{2,12}(?:人民政府网|政府网|政府门户网站|门户网站|新闻网|融媒体中心|电视台"
    r"|新闻办公室|新闻办)"
    r"|[\u4e00-\u9fff]{2,4}(?:发布|在线|网))"
    r"\s*(?:数字报纸|数字报|电子版|电子报)?$"
)

# A small list of outlets based in one city: their own dateline (长江日报讯, 本报讯 with 来源：长江日报)
# names no place but reports from that city. Provincial and national outlets are left out.
OUTLET_CITIES = {
    "长江日报": "武汉", "长江网": "武汉", "武汉晚报": "武汉", "武汉广播电视台": "武汉", "武汉发布": "武汉",
    "汉新闻": "武汉", "杭州日报": "杭州", "杭州网": "杭州", "都市快报": "杭州", "钱江晚报": "杭州",
    "南京日报": "南京", "金陵晚报": "南京", "广州日报": "广州", "深圳特区报": "深圳", "深圳商报": "深圳",
    "深圳晚报": "深圳", "成都日报": "成都", "成都商报": "成都", "解放日报": "上海", "文汇报": "上海",
    "新民晚报": "上海", "北京日报": "北京", "北京晚报": "北京", "天津日报": "天津", "重庆日报": "重庆",
    "长沙晚报": "长沙", "郑州日报": "郑州", "西安日报": "西安", "合肥晚报": "合肥", "南昌日报": "南昌",
    "青岛日报": "青岛", "厦门日报": "厦门", "宁波日报": "宁波", "苏州日报": "苏州", "济南日报": "济南",
    "沈阳日报": "沈阳", "大连日报": "大连", "哈尔滨日报": "哈尔滨", "黄石日报": "黄石",
    "三峡日报": "宜昌", "襄阳日报": "襄阳", "荆州日报": "荆州", "十堰日报": "十堰",
    "楚天都市报": "武汉", "红星新闻": "成都", "南方都市报": "广州", "郑州晚报": "郑州", "长沙日报": "长沙",
    "合肥日报": "合肥",
}
_CITY_BODY = re.compile(r"^(?P<city>[\u4e00-\u9fff]{2,3}?)市(?!场|民|委书记)")
_URL = re.compile(r"(?:原文链接|原文地址|来源网址|网址|链接|URL)?\s*[:：]?\s*(?P<url>https?://[!-~]+)")


@dataclass
class Metadata:
    title: str = ""
    published_at: datetime | None = None
    source: str = ""
    editor: str = ""
    credits: dict[str, list[str]] = field(default_factory=dict)
    place: str | None = None  # the city a dateline names, or its outlet's home city
    url: str | None = None


@dataclass
class Dateline:
    """What one line says of when, where and by whom: any part may be missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    time: tuple[int, int, int] | None = None
    place: str | None = None
    source: str = ""
    credits: dict[str, list[str]] = field(default_factory=dict)


def _is_dateline(paragraph: Paragraph) -> bool:
    """The line under the title that carries the date and the source."""
    text = paragraph.text
    return bool(
        _DATE.match(text)
        or _SOURCE.search(text)
        or _DATE_LABEL.match(text)
        or (len(text) <= 80 and _DATE.search(text) and not text.endswith(SENTENCE_STOPS))
    )


def is_credits(paragraph: Paragraph) -> bool:
    return bool(_CREDITS.match(paragraph.text))


def is_editor(paragraph: Paragraph) -> bool:
    return bool(_EDITOR.match(paragraph.text))


def is_title_furniture(text: str) -> bool:
    """A page name, column label, byline or date: a line above the headline that is not it."""
    return bool(_NOT_TITLE.search(text.strip()))


def dateline_end(text: str) -> int:
    """Where a dateline opening a paragraph ends (湖北日报讯（记者 …）, 新华社…电, （1月25日）), or 0:
    the lead paragraph's words start after it."""
    opening = _NEWS_DATELINE.match(text) or _BRACKETED_DATE.match(text)
    return opening.end() if opening else 0


def read_dateline(text: str) -> Dateline | None:
    """The dateline a line opens with or is: 本报杭州1月12日讯（…）, 新华社…电, （11月12日）, dates."""
    dateline = Dateline()
    news = _NEWS_DATELINE.match(text)
    if news:
        outlet = news["outlet"]
        if outlet not in ("本报", "本刊", "本台", "本网"):
            dateline.source = outlet
        place = news["place"]
        if place and not place.startswith(("记者", "讯", "电")):
            dateline.place = place
        elif outlet in OUTLET_CITIES:
            dateline.place = OUTLET_CITIES[outlet]
        if news["month"]:
            dateline.month, dateline.day = _number(news["month"]), _number(news["day"])
        if news["credits"]:
            dateline.credits = _credits(news["credits"])
        return dateline
    bracketed = _BRACKETED_DATE.match(text)
    if bracketed:
        dateline.month, dateline.day = _number(bracketed["month"]), _number(bracketed["day"])
        return dateline
    paragraph = Paragraph(text, 0, len(text), 1)
    if not _is_dateline(paragraph):
        return None
    date = _DATE.search(text)
    if date:
        dateline.year, dateline.month, dateline.day = (
            int(date["year"]), int(date["month"]), int(date["day"])
        )
        dateline.time = tuple(int(date[name] or 0) for name in ("hour", "minute", "second"))
    source = _SOURCE.search(text)
    if source:
        dateline.source = source["source"]
    elif date and date["hour"]:
        if date.start() == 0:
            outlet = _OUTLET_AFTER_DATE.match(text[date.end() :])
        else:
            outlet = _OUTLET_BEFORE_DATE.match(text[: date.start()])
        if outlet and not is_title_furniture(outlet["source"]):
            dateline.source = outlet["source"]
    elif date and date.start() > 0:
        # A page's header: 长江日报 2021年1月6日 星期三 第5版.
        masthead = _MASTHEAD.match(text[: date.start()].strip())
        if masthead:
            dateline.source = masthead["outlet"]
    return dateline


def read_metadata(
    header: list[Paragraph],
    footer: list[Paragraph],
    *,
    paragraphs: list[Paragraph] | None = None,
    url: str | None = None,
    title_hint: str | None = None,
) -> Metadata:
    """Metadata from the paragraphs before the first speaker and after the last block.

    ``paragraphs`` (all of the article's) lets a dateline in the lead paragraph be read — reported
    speech puts the speaker there; ``url`` is the page's address (from the reader), which also
    gives a year to a dateline without one; ``title_hint`` (an html page's title) picks the
    headline among the header's lines, or is the title when none is.
    """
    metadata = Metadata()
    if title_hint:
        title_hint = parse_text_of(title_hint.strip())  # compared with lines of the parse text
    header = [paragraph for paragraph in header if not is_furniture(paragraph)]
    datelines = []
    titles = []
    for paragraph in header:
        dateline = read_dateline(paragraph.text)
        if dateline is not None:
            datelines.append(dateline)
        elif _is_title(paragraph.text):
            titles.append(paragraph.text)
    header_ids = {id(paragraph) for paragraph in header}
    for paragraph in (paragraphs or [])[:8]:
        if id(paragraph) in header_ids:
            continue
        dateline = read_dateline(paragraph.text)
        if dateline is not None and (dateline.month or dateline.place or dateline.source):
            datelines.append(dateline)
    if not titles or (title_hint and title_hint.strip() not in titles):
        # A headline that reads like a speaker line (市商务局局长某某：打造……) opens a block, not the
        # header: look for it among the lines before the first sentence.
        for paragraph in _leading(paragraphs or []):
            if id(paragraph) not in header_ids and _is_title(paragraph.text) and (
                read_dateline(paragraph.text) is None
            ):
                titles.append(paragraph.text)
    metadata.title = _pick_title(titles, title_hint)
    masthead = next(
        (match["outlet"] for paragraph in header[:4] if (match := _MASTHEAD.match(paragraph.text))),
        None,
    )
    metadata.url = url or _url_of(header + footer)
    _apply_datelines(metadata, datelines)
    if not metadata.source and masthead:
        metadata.source = masthead
        if metadata.place is None:
            metadata.place = OUTLET_CITIES.get(masthead)
    if metadata.place is None:
        # A source or masthead that is a city's own body: 成都市青白江区人民政府网, 武汉市发改委.
        for name in (metadata.source, masthead or ""):
            city = _CITY_BODY.match(name)
            if city:
                metadata.place = city["city"]
                break
    for paragraph in footer:
        if is_credits(paragraph):
            metadata.credits = _credits(paragraph.text)
        elif is_editor(paragraph):
            metadata.editor = _EDITOR_CODE.sub("", _EDITOR.match(paragraph.text)["editor"])
        elif not metadata.editor and (editor := _EDITOR_ANYWHERE.search(paragraph.text)):
            metadata.editor = _EDITOR_CODE.sub("", editor["editor"])
    if not metadata.credits:
        for dateline in datelines:
            if dateline.credits:
                metadata.credits = dateline.credits
                break
    if not metadata.editor:
        for paragraph in header:
            editor = _EDITOR_ANYWHERE.search(paragraph.text)
            if editor and len(paragraph.text) <= 80:
                metadata.editor = editor["editor"]
                break
    return metadata


def _leading(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The short lines that open an article, up to its first sentence."""
    leading = []
    for paragraph in paragraphs[:6]:
        if len(paragraph.text) > 60 or paragraph.text.endswith(SENTENCE_STOPS):
            break
        if not is_furniture(paragraph):
            leading.append(paragraph)
    return leading


def _pick_title(titles: list[str], title_hint: str | None) -> str:
    if title_hint:
        hint = title_hint.strip()
        for title in titles:
            if title == hint or title in hint or hint in title:
                return title
    if titles:
        return titles[0]
    return (title_hint or "").strip()


def _apply_datelines(metadata: Metadata, datelines: list[Dateline]) -> None:
    """The first full date is the publication's; a month and day alone take a known year; with no
    date at all, the page address's."""
    full = next((d for d in datelines if d.year), None)
    partial = next((d for d in datelines if d.month and not d.year), None)
    if full is not None:
        metadata.published_at = _datetime(full.year, full.month, full.day, full.time)
    elif partial is not None:
        year = _url_year(metadata.url, partial.month)
        if year:
            metadata.published_at = _datetime(year, partial.month, partial.day, None)
    elif metadata.url:
        # No date in the text: a page address with the full date (/2021-01/13/, t20210115_).
        for match in _URL_DATE.finditer(metadata.url):
            if match["day"]:
                metadata.published_at = _datetime(
                    int(match["year"]), int(match["month"]), int(match["day"]), None
                )
                break
    for dateline in datelines:
        metadata.source = metadata.source or dateline.source
        metadata.place = metadata.place or dateline.place
    if metadata.place is None and metadata.source in OUTLET_CITIES:
        metadata.place = OUTLET_CITIES[metadata.source]


def _url_year(url: str | None, month: int) -> int | None:
    """The year in a page's address (/2021/01/12/, /202101/t20210115_, 2021-01/13)."""
    if not url:
        return None
    for match in _URL_DATE.finditer(url):
        if int(match["month"]) == month or match["day"]:
            return int(match["year"])
    match = _URL_DATE.search(url)
    return int(match["year"]) if match else None


def _url_of(paragraphs: list[Paragraph]) -> str | None:
    for paragraph in paragraphs:
        match = _URL.search(paragraph.text)
        if match:
            return match["url"].rstrip(".,;:!?)]}>'\"，。；：！？）】")
    return None


def _is_title(text: str) -> bool:
    """A headline is short, is not a sentence, and is no page furniture, column label or byline."""
    return (
        len(text) <= 100
        and not text.endswith(SENTENCE_STOPS)
        and not is_title_furniture(text)
        and not _MASTHEAD.match(text)
    )


def _datetime(year, month, day, time) -> datetime | None:
    hour, minute, second = time or (0, 0, 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=WUHAN_TIME)
    except (TypeError, ValueError):
        return None


def _published_at(text: str) -> datetime | None:
    match = _DATE.search(text)
    if not match:
        return None
    parts = [int(match[name] or 0) for name in ("year", "month", "day", "hour", "minute", "second")]
    return _datetime(parts[0], parts[1], parts[2], tuple(parts[3:]))


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CHINESE_DIGITS[text[1]]
    if text.endswith("十"):
        return 10 * _CHINESE_DIGITS[text[0]]
    if "十" in text:
        tens, ones = text.split("十")
        return 10 * _CHINESE_DIGITS[tens] + _CHINESE_DIGITS[ones]
    return _CHINESE_DIGITS.get(text, 0)


# Words in a credits line that are no one's name: (记者陈智 整合), (记者 王某 报道).
_NOT_NAMES = {"整合", "综合", "报道", "整理", "摄", "摄影", "发", "文", "图", "编译", "采写", "实习生"}


def _credits(text: str) -> dict[str, list[str]]:
    """Names by role; a role word is glued to the first name it introduces (记者马振华 黄丽娟)."""
    credits: dict[str, list[str]] = {}
    role = None
    for word in _NAME_SEPARATORS.split(text.strip("()（） ")):
        match = _ROLE.match(word)
        if match:
            role, word = match["role"], match["name"]
        if role and word and word not in _NOT_NAMES:
            credits.setdefault(role, []).append(word)
    return credits
