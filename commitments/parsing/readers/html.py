"""A web page saved from a browser: the article's headline, dateline and paragraphs, as text.

The page is decoded by its BOM or <meta> charset, parsed with the standard library's html.parser
into a small tree, and laid out as lines (one per block or <br>). The article body is the element
whose lines score highest by content density: long lines with Chinese sentence punctuation and
little link text count for the element that holds them, less for its ancestors; link-heavy
elements (menus, lists of other stories) and elements named like page furniture are discounted.
No site-specific selector is used. The headline and the dateline are read from the lines before
the body, the editor and credits from the few lines after it.
"""

import re
from html.parser import HTMLParser

from ..decoding import Paragraph, is_furniture, prefer_big5
from ..errors import ArticleParseError
from .normalise import parse_text_of
from .unwrap import unwrap
from .source import SourceText

FORMAT = "html"

_MARKUP = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<!--\s*saved from url",
    re.IGNORECASE,
)
_TAG = re.compile(r"<(?:p|div|br|span|a|table|td|h[1-6])[\s/>]", re.IGNORECASE)
_HTML_NAME = re.compile(r"\.(?:s?html?|xhtml|mht|php|aspx?|jsp)$", re.IGNORECASE)

# ---------------------------------------------------------------- sniffing and decoding


def accepts(raw: bytes | str, filename: str | None = None) -> bool:
    """Markup at the start of the input; with an .html name, any common tag near the start."""
    head = _head_text(raw)
    if head.lstrip().startswith("<") and (_MARKUP.search(head) or len(_TAG.findall(head)) >= 3):
        return True  # a page, or a fragment of one pasted as it is (<div><p>…</p><p>…</p>)
    return bool(filename and _HTML_NAME.search(filename) and _TAG.search(head))


def _head_text(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw[:4096].lstrip("\ufeff")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw[:4096].decode("utf-16", "replace").lstrip("\ufeff")
    return raw[:4096].removeprefix(b"\xef\xbb\xbf").decode("latin-1")


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<charset>[-\w.:]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["'](?P<charset>[-\w.:]+)""")
# GB2312 and GBK pages often hold characters only GB18030 has: read them all as GB18030.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "cp936": "gb18030", "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252"}


def decode_page(raw: bytes | str) -> str:
    """The page as text: by its BOM, else UTF-8, else its declared charset, else GB18030."""
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", "replace").lstrip("\ufeff")
    # Strict UTF-8 first: text in another encoding almost never passes it, and pages declaring
    # gb2312 or iso-8859-1 while served in UTF-8 are common. Then the declared charset, GB18030.
    declared = _META_CHARSET.search(raw[:8192]) or _XML_ENCODING.search(raw[:512])
    candidates = ["utf-8"]
    if declared:
        name = declared["charset"].decode("ascii", "replace").lower()
        name = _ALIASES.get(name, name)
        if name not in ("cp1252", "ascii", "us-ascii"):  # Western labels on Chinese pages are wrong
            candidates.append(name)
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            page = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return prefer_big5(raw, page) if encoding == "gb18030" else page
    # A page with a few broken bytes is still a page: read it as its likeliest encoding.
    for encoding in candidates:
        try:
            return raw.decode(encoding, "replace")
        except LookupError:
            continue
    return raw.decode("gb18030", "replace")


# ---------------------------------------------------------------- the tree

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "keygen"}
_SKIPPED = {"script", "style", "noscript", "template", "iframe", "svg", "canvas", "select",
            "textarea", "button", "object", "head", "math", "video", "audio", "map"}
_BLOCKS = {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
           "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
           "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu",
           "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
           "thead", "tr", "ul", "caption", "br"}
# Blocks that hold one paragraph: their lines count for the element around them.
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "li", "dd", "dt",
               "figcaption", "center", "font", "span", "strong", "b"}
# An open <p> is closed by the start of another block, as a browser does.
_CLOSES_P = _BLOCKS - {"br", "html", "body"}
_SELF_CLOSING_SIBLINGS = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"},
                          "td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"}}
_CONTAINERS = {"div", "td", "table", "body", "article", "section", "ul", "ol", "main", "html"}


class Element:
    __slots__ = ("tag", "attrs", "parent", "children", "first", "end")

    def __init__(self, tag: str, attrs: dict, parent: "Element | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list = []
        self.first = self.end = 0  # the lines it holds: lines[first:end]

    def ancestors(self):
        element = self.parent
        while element is not None:
            yield element
            element = element.parent

    def hint(self) -> str:
        return f"{self.attrs.get('class') or ''} {self.attrs.get('id') or ''}"


class _TreeBuilder(HTMLParser):
    """A forgiving tree: void elements, implicit </p> and </li>, stray end tags ignored."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.stack = [self.root]
        self.meta: list[dict] = []
        self.links: list[dict] = []
        self.title = ""
        self._in_title = False
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self.meta.append(attributes)
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "title":
            self._in_title = True
        if tag in _CLOSES_P:
            self._close_open("p", stop=_CONTAINERS)
        if tag in _SELF_CLOSING_SIBLINGS:
            for sibling in _SELF_CLOSING_SIBLINGS[tag]:
                self._close_open(sibling, stop={"table", "ul", "ol", "dl", "select"})
        element = Element(tag, attributes, self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "br":  # </br> is read as <br> by browsers
            self.handle_starttag("br", [])
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.stack[-1].children.append(data)

    def handle_comment(self, data):
        if len(self.comments) < 5:
            self.comments.append(data)

    def _close_open(self, tag: str, stop: set) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            current = self.stack[index].tag
            if current == tag:
                del self.stack[index:]
                return
            if current in stop:
                return


# ---------------------------------------------------------------- lines

_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_CJK = "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
# A line break in the page's source between two Chinese characters is not a space on the screen.
_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v]*\n[ \t\n\r\f\v]*(?=[{_CJK}])")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class Line:
    __slots__ = ("text", "links", "owner")

    def __init__(self, text: str, links: int, owner: Element):
        self.text, self.links, self.owner = text, links, owner


def _lay_out(root: Element) -> list[Line]:
    """Every block's text as lines, in document order; each element learns its range of lines."""
    lines: list[Line] = []
    pieces: list[str] = []
    link_chars = 0
    owners: list[Element] = []

    def flush():
        nonlocal link_chars
        if pieces:
            # &nbsp; is a space once the page is text, as a browser copies it.
            text = _SPACES.sub(" ", "".join(pieces).replace("\xa0", " "))
            text = text.strip(" \u3000")
            if text:
                lines.append(Line(text, min(link_chars, len(text)), owners[-1]))
        pieces.clear()
        link_chars = 0

    # An iterative walk: a page of a million nested <div>s must not exhaust the stack.
    # (node, leaving, in_link, block): a node's block-ness, decided on entering, is kept for
    # leaving it (a table cell's is found by reading its contents).
    work: list = [(root, False, False, True)]
    while work:
        node, leaving, in_link, block = work.pop()
        if isinstance(node, str):
            # Within one run of text a wrapped source line is no space; between two elements
            # (<span>原创</span> <span>江夏发布</span>) the white space is one.
            pieces.append(_WRAP.sub("", node) if "\n" in node else node)
            if in_link:
                link_chars += len(node.strip())
            continue
        if leaving:
            if block:
                flush()
                owners.pop()
            node.end = len(lines)
            continue
        if node.tag in _SKIPPED or "hidden" in node.attrs or _HIDDEN.search(
            node.attrs.get("style", "")
        ):
            continue
        block = (node.tag in _BLOCKS or node is root) and not _is_short_cell(node)
        if not block and node.tag in ("td", "th") and pieces:
            pieces.append(" ")  # a row's short cells on one line: 市发改委 何振宇 主任
        if block:
            flush()
            owners.append(node)
        node.first = len(lines)
        if node.tag == "br" or node.tag == "hr":
            owners.pop()
            node.end = len(lines)
            continue
        work.append((node, True, in_link, block))
        link = in_link or (node.tag == "a" and "href" in node.attrs)
        for child in reversed(node.children):
            work.append((child, False, link, False))
    flush()
    return lines


# A table cell this short, holding no block or line break, is one field of its row (a unit, a
# name, a post); a row's fields read as one line, its longer cells (the tasks) as their own.
_SHORT_CELL = 20


def _is_short_cell(node: Element) -> bool:
    if node.tag not in ("td", "th"):
        return False
    length, work = 0, list(node.children)
    while work:
        child = work.pop()
        if isinstance(child, str):
            length += len(child.strip())
        elif child.tag in _BLOCKS:
            return False
        else:
            work.extend(child.children)
        if length > _SHORT_CELL:
            return False
    return True


# ---------------------------------------------------------------- the article body

_SENTENCE_MARKS = re.compile(r"[，。；：！？、,;]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_GOOD_HINT = re.compile(
    r"article|content|detail|text|txt|main|body|editor|post|entry|story|zhengwen|cont|neirong"
    r"|wenzhang",
    re.IGNORECASE,
)
# Words of class and id names that mark page furniture: a word of the name starts with one
# (sidebar, nav-top, TRS_share; not "inside" or "subheader"), or is one of the short ones.
_BAD_PREFIXES = (
    "nav", "menu", "foot", "side", "comment", "share", "relat", "hot", "rank", "recommend",
    "copyright", "crumb", "banner", "header", "logo", "login", "search", "weixin", "wechat",
    "qrcode", "ewm", "tag", "friend", "link", "list", "more", "advert", "guanggao", "dibu",
    "daohang", "bottom", "pager", "paging", "widget", "popup", "modal", "toolbar", "jiucuo",
)
_BAD_WORDS = {"ad", "ads", "adv", "top", "gg"}
_NAME_WORDS = re.compile(r"[a-z][a-z0-9]*")


def _bad_hint(hint: str) -> bool:
    return any(
        word in _BAD_WORDS or word.startswith(_BAD_PREFIXES)
        for word in _NAME_WORDS.findall(hint.lower())
    )


# Lines of page furniture that an article body still carries.
_BODY_FURNITURE = re.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|【?纠错】?|【?打印本页】?|打印本页|关闭本页|【?关闭窗口】?|返回顶部|点击排行"
    r"|相关链接|相关稿件|延伸阅读|推荐阅读|扫一扫|扫码|手机看|手机扫描|用微信扫描|用手机扫描|分享|字号|\[?打印\]?"
    r"|责任编辑[:：]?$|来源[:：]?$|附件[:：]?$|原标题[:：]?$|微信扫一扫|关注该公众号|在看$|阅读\s*[\d.万]+$"
    r"|作者最新文章|更多文章$|热门文章|猜你喜欢|返回.{0,8}首页|点击进入专题|免责声明|声明[:：]本文|收藏成功"
    r"|知道了$|查看更多$|展开全文$|点击查看|本文链接[:：]?$)"
)


def _line_score(line: Line) -> float:
    """What a line says for the element holding it: long, punctuated, not a link."""
    length = len(line.text)
    if length < 10 or line.links > 0.3 * length:
        return 0.0
    han = len(_HAN.findall(line.text))
    if han < 0.3 * length:
        return 0.0
    marks = len(_SENTENCE_MARKS.findall(line.text))
    if marks == 0 and length < 40:
        return 0.0
    return 1.0 + min(marks, 12) + min(length / 50, 4.0)


def _hint_factor(element: Element) -> float:
    hint = element.hint()
    if not hint.strip():
        return 1.0
    factor = 1.0
    if _bad_hint(hint):
        factor *= 0.4
    if _GOOD_HINT.search(hint):
        factor *= 1.5
    return factor


def _find_body(lines: list[Line], headline: int | None = None) -> Element | None:
    """The element holding the article's paragraphs; near after the headline when one is known."""
    scores: dict[int, float] = {}
    elements: dict[int, Element] = {}
    for line in lines:
        score = _line_score(line)
        if not score:
            continue
        container = line.owner
        if container.tag in _PARAGRAPHS and container.parent is not None:
            container = container.parent
        for share, element in zip((1.0, 0.5, 0.34), _self_and_ancestors(container)):
            scores[id(element)] = scores.get(id(element), 0.0) + score * share
            elements[id(element)] = element
    if not scores:
        return None
    link_sum = [0]
    text_sum = [0]
    scoring = [0]  # lines with a score, counted up to each line
    for line in lines:
        link_sum.append(link_sum[-1] + line.links)
        text_sum.append(text_sum[-1] + len(line.text))
        scoring.append(scoring[-1] + (_line_score(line) > 0))

    def adjusted(key: int) -> float:
        element = elements[key]
        text = text_sum[element.end] - text_sum[element.first]
        links = link_sum[element.end] - link_sum[element.first]
        density = links / text if text else 1.0
        score = scores[key] * (1.0 - density) * _hint_factor(element)
        if headline is not None:
            # The paragraphs right under the headline (past a dateline or two), not a column of
            # summaries further down.
            if element.first >= headline and scoring[element.first] - scoring[headline] <= 3:
                score *= 1.5
            elif element.end <= headline:
                score *= 0.5
        return score

    best = elements[max(scores, key=adjusted)]
    # An article cut in two by an advertisement or a picture (<div class="text">…</div><div
    # class="ad"/><div class="text">…</div>): the element holding both halves is the body.
    parent = best.parent
    if parent is not None and parent.parent is not None:
        for sibling in parent.children:
            if (
                isinstance(sibling, Element)
                and sibling is not best
                and sibling.tag == best.tag
                and sibling.attrs.get("class") == best.attrs.get("class")
                and scores.get(id(sibling), 0.0) >= 0.25 * scores[id(best)]
            ):
                return parent
    return best


def _self_and_ancestors(element: Element):
    yield element
    yield from element.ancestors()


# ---------------------------------------------------------------- headline, dateline, footer

_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_DATELINE_WORDS = re.compile(r"来源|发布时间|发布日期|发表时间|时间[:：]|作者|记者|编辑|稿源|出处")
_FOOTER_LINE = re.compile(r"^[【\[(（]?\s*(?:责任编辑|编辑|责编|审核|校对|记者|通讯员|来源|作者)")
_EDITOR_IN_LINE = re.compile(r"[【\[(（]?(?:责任编辑|责编)\s*[:：]\s*[^\s】\])）]+[】\])）]?")
# Between a headline and the site's name: _ | - －. Not ——, which joins a headline to its subtitle.
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜－]|--|(?<!\d)-(?!\d))\s*")


def _meta(builder: _TreeBuilder, *names: str) -> str | None:
    for name in names:
        for attrs in builder.meta:
            key = (attrs.get("property") or attrs.get("name") or "").lower()
            if key == name and attrs.get("content", "").strip():
                return attrs["content"].strip()
    return None


def _absolute(url: str | None) -> str | None:
    url = (url or "").strip()
    if url.startswith("//"):  # protocol-relative: the page was served over HTTPS or HTTP alike
        url = "https:" + url
    return url if url.startswith(("http://", "https://")) else None


def _page_url(builder: _TreeBuilder) -> str | None:
    for attrs in builder.links:
        if "canonical" in attrs.get("rel", "").lower().split() and _absolute(attrs.get("href")):
            return _absolute(attrs.get("href"))
    url = _absolute(_meta(builder, "og:url", "url", "twitter:url"))
    if url:
        return url
    for comment in builder.comments:
        saved = re.search(r"saved from url=\(\d+\)(\S+)", comment)
        if saved and saved[1].startswith(("http://", "https://")):
            return saved[1]
    return None


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" \xa0\u3000")


def _title_parts(title: str) -> list[str]:
    return [part for part in _TITLE_SEPARATORS.split(_clean(title)) if part]


def _matches(text: str, hint: str) -> bool:
    """A line is the title: the same, or one the start of the other (a subtitle cut or added)."""
    if not hint or len(text) < 4 or len(text) > 120:
        return False
    return text == hint or (
        min(len(text), len(hint)) >= 8 and (hint.startswith(text) or text.startswith(hint))
    )


def _title_line(lines: list[Line], hints: list[str]) -> int | None:
    """The first line that is the page's title (og:title or <title>), not a link to it; else the
    first <h1> that is no link (a logo's <h1> is one)."""
    for index, line in enumerate(lines):
        if line.links < len(line.text) / 2 and any(_matches(line.text, hint) for hint in hints):
            return index
    for index, line in enumerate(lines):
        if line.owner.tag == "h1" and not line.links and 6 <= len(line.text) <= 120:
            return index
    return None


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TITLE_HINT = re.compile(r"title|biaoti|\bbt", re.IGNORECASE)


def _looks_like_headline(line: Line) -> bool:
    """A heading or an element named as a title, no link, no sentence: 2019年……成功举行！"""
    text = line.text
    if line.links or not 6 <= len(text) <= 80 or text.endswith(("。", "；", "，")):
        return False
    owner = line.owner
    return owner.tag in _HEADINGS or bool(_TITLE_HINT.search(owner.hint()))


def _headline_index(
    lines: list[Line], before: int, hints: list[str], reach: int = 40
) -> int | None:
    """The line before ``before`` that is the page's headline: a title match, else an <h1>/<h2>."""
    best = None
    for index in range(before - 1, max(-1, before - reach), -1):
        text = lines[index].text
        if len(text) < 4 or len(text) > 120:
            continue
        if lines[index].links < len(text) / 2 and any(_matches(text, hint) for hint in hints):
            return index
        if best is None and _looks_like_headline(lines[index]):
            best = index
    return best


# A saved news page has a few thousand elements; html.parser reads ~40,000 a second here, so a page
# of more is refused before it is parsed, as no article page.
MAX_TAGS = 60_000
_OPENING_TAG = re.compile(r"<[A-Za-z]")


def read(raw: bytes | str, filename: str | None = None) -> SourceText:
    page = decode_page(raw)
    tags = len(_OPENING_TAG.findall(page))
    if tags > MAX_TAGS:
        raise ArticleParseError(
            f"The page has {tags:,} tags, over the limit of {MAX_TAGS:,} for one article page."
        )
    builder = _TreeBuilder()
    try:
        builder.feed(page)
        builder.close()
    except AssertionError as error:  # html.parser's rare refusal of malformed markup
        raise ArticleParseError(f"The page cannot be read as HTML: {error}.") from error
    lines = _lay_out(builder.root)
    og_title = _meta(builder, "og:title", "twitter:title", "articletitle", "title")
    title_parts = _title_parts(builder.title)
    hints = [_clean(og_title)] if og_title else []
    hints += sorted(title_parts, key=len, reverse=True)[:1]
    # The headline where the page's title names it: the body is looked for under it.
    anchor = _title_line(lines, [hint for hint in hints if hint])
    body = _find_body(lines, anchor)
    if body is None:
        kept = [line.text for line in lines if not _is_furniture(line)]
        if not kept:
            raise ArticleParseError("The page holds no text: no element has any article paragraph.")
        chosen = kept
        headline = None
    else:
        chosen = _article_lines(lines, body, hints, anchor)
        headline = chosen[0] if chosen else None
        dateline = _meta_dateline(builder, chosen[:6])
        if dateline:
            chosen.insert(1, dateline)
    text = unwrap("\n".join(chosen) + "\n")  # an e-paper page sets a <br> at each line's end
    # og:title, else the <title> when it names a line of the page, else the headline found.
    longest = max(title_parts, key=len) if title_parts else None
    if og_title:
        title_hint = _clean(og_title)
        if headline and len(headline) > len(title_hint) >= 4 and headline.startswith(title_hint):
            title_hint = headline  # og:title cut at a quote the page left unescaped
    elif longest and any(_matches(line.text, longest) for line in lines):
        title_hint = longest
    else:
        title_hint = headline or longest
    return SourceText(text, parse_text_of(text), FORMAT, url=_page_url(builder),
                      title_hint=title_hint or None)


_META_DATE = re.compile(
    r"(?P<date>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2})日?(?:[T\s]+(?P<time>\d{1,2}:\d{2}))?"
)


def _meta_dateline(builder: _TreeBuilder, opening: list[str]) -> str | None:
    """A dateline from the page's <meta> (PubDate, article:published_time, ContentSource …) when the
    page shows none of its own: the date some sites draw in split spans (2021 01/05) reads as none.
    """
    if any(_DATE.search(text) for text in opening):
        return None
    value = _meta(builder, "pubdate", "publishdate", "publish_date", "article:published_time",
                  "og:release_date", "datepublished", "firstpublishedtime", "releasedate",
                  "dc.date", "dc.date.issued", "weibo:article:create_at", "publishtime")
    date = _META_DATE.search(value or "")
    if not date:
        return None
    line = f"发布时间：{date['date']}" + (f" {date['time']}" if date["time"] else "")
    source = _meta(builder, "contentsource", "source", "article:source", "og:article:source")
    if source and not any("来源" in text or "來源" in text for text in opening):
        line += f" 来源：{_clean(source)}"
    return line


def _is_furniture(line: Line) -> bool:
    text = line.text
    if _BODY_FURNITURE.match(text) or is_furniture(Paragraph(text, 0, len(text), 1)):
        return True
    return len(text) > 0 and line.links >= 0.6 * len(text) and not _SENTENCE_MARKS.search(text[-1])


def _article_lines(
    lines: list[Line], body: Element, hints: list[str], anchor: int | None
) -> list[str]:
    """Headline, dateline lines, the body's paragraphs and the credits after it."""
    start, end = body.first, body.end
    if anchor is not None and start <= anchor < end:
        headline = start = anchor  # the body holds its headline: what comes before it is not text
    elif anchor is not None and anchor < start and _scoring_between(lines, anchor, start) <= 3:
        headline = anchor
    elif (inside := _headline_inside(lines, start, end)) is not None:
        headline = start = inside
    else:
        headline = _headline_index(lines, start, hints, reach=15)
    body_lines = [
        line
        for index, line in enumerate(lines[start:end], start)
        if index == headline or not _inside_furniture(line, body)
    ]
    header: list[str] = []
    if headline is not None and headline < start:
        header.append(lines[headline].text)
        for line in lines[headline + 1 : start][:12]:
            if _is_dateline(line.text):
                header.append(_without_tools(line.text))
            elif _is_subtitle(line) and len(header) == 1:  # ——访市发改委主任王某, under the headline
                header.append(line.text)
    elif headline is None and hints and hints[0] and not any(
        hints[0] in line.text for line in body_lines[:3]
    ):
        header.append(hints[0])
    texts = [line.text for line in body_lines if not _is_furniture(line)]
    texts = [
        _without_tools(text) if index < 4 and _is_dateline(text) else text
        for index, text in enumerate(texts)
    ]
    if headline is not None and not any(_DATE.search(text) for text in header + texts[:4]):
        # An e-paper names its date at the top of the page, above the page list.
        for line in lines[max(0, headline - 20) : headline]:
            if len(line.text) <= 40 and _DATE.search(line.text) and not line.links:
                header.insert(0, line.text)
                break
    footer = []
    for line in lines[end : end + 8]:
        if len(line.text) > 80:
            continue
        if _FOOTER_LINE.match(line.text) and not re.search(r"[，。,]", line.text):
            footer.append(line.text)
        elif editor := _EDITOR_IN_LINE.search(line.text):  # 【纠错】 责任编辑：王芳
            footer.append(editor[0])
    return _unique(header + texts + footer)


_TOOLS = re.compile(
    r"\s*(?:[【\[](?:字体|字号|打印|关闭|关闭窗口|收藏|纠错|分享|大|中|小)[^】\]]*[】\]])+"
    r"|\s*(?:浏览|阅读|点击|访问)(?:次数|量)?\s*[:：]\s*[\d,]*"
    r"|\s*字号\s*[:：]\s*(?:A[-+]?\s*)+|\s*(?:我有话说|我要评论)\s*[(（]?\d*人?参与[)）]?|\s*收藏本文"
    r"|\s*(?:打印|分享到?)\s*$"
)


def _without_tools(text: str) -> str:
    """A dateline without its font-size, print and view-count tools: 【字体：大 中 小】【打印】."""
    return _SPACES.sub(" ", _TOOLS.sub(" ", text)).strip() or text


def _is_dateline(text: str) -> bool:
    return len(text) <= 160 and bool(_DATE.search(text) or _DATELINE_WORDS.search(text))


def _is_subtitle(line: Line) -> bool:
    text = line.text
    if text.startswith(("——", "—", "──", "--")) and 4 <= len(text) <= 80 and not line.links:
        return True
    return _looks_like_headline(line) and not _is_furniture(line)


def _headline_inside(lines: list[Line], start: int, end: int) -> int | None:
    """A heading among the body's lines before its first paragraph: the one nearest to it."""
    first = next((index for index in range(start, end) if _line_score(lines[index]) > 5), end)
    for index in range(first - 1, start - 1, -1):
        if _looks_like_headline(lines[index]) and not _DATE.search(lines[index].text):
            return index
    return None


def _scoring_between(lines: list[Line], first: int, last: int) -> int:
    return sum(1 for line in lines[first + 1 : last] if _line_score(line) > 0)


def _inside_furniture(line: Line, body: Element) -> bool:
    """A share bar or a list of related stories nested in the article's element."""
    element = line.owner
    while element is not None and element is not body:
        if element.tag in ("nav", "aside", "footer") or (
            _bad_hint(element.hint()) and not _GOOD_HINT.search(element.hint())
        ):
            return True
        element = element.parent
    return False


def _unique(texts: list[str]) -> list[str]:
    """Drop a line repeated at once (a headline in the header and again at the body's start)."""
    result: list[str] = []
    for text in texts:
        if not result or result[-1] != text:
            result.append(text)
    return result
