"""Decode raw input into newline-normalised text, split it into paragraphs, spot page furniture."""

import re
from dataclasses import dataclass

from .errors import ArticleParseError
from .punctuation import line_number

MAX_BYTES = 5 * 1024 * 1024
# C0 controls other than tab, newline, form feed and carriage return, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Stray controls happen in pasted text; this share of them means the input is not text at all.
_MAX_CONTROL_SHARE = 0.01
_FURNITURE = re.compile(
    r"""
    展开频道 | 收起频道                                    # channel menu
    | ^\S{1,12}\s*[>›»]\s*\S{1,12}(?:\s*[>›»]\s*\S{1,12})*$  # breadcrumb: 新闻中心 > 武汉
    | ^[【\[]?(?:字体|字号)[:：]                             # font-size switch
    | ^(?:一周热门|热门推荐|相关新闻|相关阅读|猜你喜欢)
    | ^[【\[]?(?:分享到|分享|打印|关闭|关闭窗口|收藏|返回顶部|扫一扫)(?:[】\]:：\s]|$)
    | ^(?:当前位置|您的位置|您当前的位置|当前版)\s*[:：]                  # where the page sits
    | ^(?:上一篇|下一篇|上一条|下一条)\s*[:：]
    | ^[【\[]?(?:纠错|打印本页|关闭本页|我要纠错)[】\]]?$
    | 版权所有 | ICP备\d | 公网安备 | 网站标识码 | All\s+Rights\s+Reserved   # the page footer
    | ^[（(]?(?:本版|本文|文中)?(?:图片|配图|照片)(?:均)?由[^。，]{1,20}提供[)）]?$  # picture credits
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Paragraph:
    """One non-blank line, stripped; start and end index into the article text."""

    text: str
    start: int
    end: int
    line: int


def decode(raw: bytes | str) -> str:
    """The article text: decoded, without BOM, with LF line ends; raises ArticleParseError."""
    check_size(raw)
    if isinstance(raw, bytes):
        text = _decode_bytes(raw)
    else:
        text = raw.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_is_text(text)
    return text


def check_size(raw: bytes | str) -> None:
    """Refuse input over 5 MB (counted in UTF-8 for text) before any work is done on it."""
    if raw is None:
        raise ArticleParseError("The input is empty: no line holds any text.")
    if isinstance(raw, bytes):
        size = len(raw)
    elif len(raw) * 4 <= MAX_BYTES:  # at most 4 UTF-8 bytes a character: surely under the limit
        return
    else:
        size = len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise ArticleParseError(
            f"The input is {size / 1024 / 1024:.1f} MB, over the 5 MB limit for one article."
        )


def _decode_bytes(raw: bytes) -> str:
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise ArticleParseError(
            f"Line {line} holds a NUL byte: the input is binary data, not text."
        )
    failures = []
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as error:
            failures.append(error.start)
            continue
        return text if encoding == "utf-8-sig" else prefer_big5(raw, text)
    # The encoding that read furthest is the likely one, so its failure is the one worth naming.
    offset = max(failures)
    line = raw.count(b"\n", 0, offset) + 1
    raise ArticleParseError(
        f"Line {line} is neither UTF-8 nor GB18030: byte 0x{raw[offset]:02x} at offset {offset} "
        "cannot be decoded."
    )


# The most frequent characters of Chinese prose: a text decoded in the right encoding is made of
# them for the most part; Big5 bytes read as GB18030 decode without error into rare characters.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产"
    "种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业"
    "本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利"
    "比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文"
    "总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干"
    "做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共"
    "权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张"
    "信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验"
    "连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存"
    "候亲快效院查江型眼王按格养易置派层片始专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def common_share(text: str) -> float:
    """The share of a text's Han characters that are among the most common (simplified) ones."""
    han = _HAN.findall(text[:20000])
    return sum(character in _COMMON for character in han) / len(han) if han else 1.0


def prefer_big5(raw: bytes, text: str) -> str:
    """``text`` (read as GB18030), unless the bytes read as Big5 make far more common prose."""
    if common_share(text) >= 0.3:
        return text
    try:
        big5 = raw.decode("big5hkscs")
    except UnicodeDecodeError:
        return text
    from .readers.normalise import simplified  # the readers import this module

    return big5 if common_share(simplified(big5)) > common_share(text) + 0.2 else text


def _check_is_text(text: str) -> None:
    if not text.strip():
        raise ArticleParseError("The input is empty: no line holds any text.")
    controls = [match.start() for match in _CONTROL.finditer(text)]
    nul = text.find("\x00")
    if nul != -1 or len(controls) > _MAX_CONTROL_SHARE * len(text):
        offset = nul if nul != -1 else controls[0]
        raise ArticleParseError(
            f"Line {line_number(text, offset)} holds control character "
            f"U+{ord(text[offset]):04X}: the input is binary data, not text."
        )


def split_paragraphs(text: str) -> list[Paragraph]:
    """Every non-blank line of the text, stripped of surrounding whitespace, with its span."""
    paragraphs = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            paragraphs.append(Paragraph(stripped, start, start + len(stripped), number))
        offset += len(line) + 1
    return paragraphs


def is_furniture(paragraph: Paragraph) -> bool:
    """Navigation, font switches, share and print links, lists of other stories."""
    return bool(_FURNITURE.search(paragraph.text))
