"""The text the grammar matches on: simplified characters, full-width punctuation, ASCII digits.

Every change is one character for one, so that a span found in the result is valid in the
original text. Traditional characters are converted with OpenCC's ``t2s`` phrase tables; where a
phrase conversion would change a line's length, that line is converted character by character.
"""

import operator
import re
from functools import cache

# Half-width punctuation the grammar reads as its full-width form.
_PUNCTUATION = list(zip(",:;?!()", "，：；？！（）"))
# Full-width digits, percent and Latin letters (２０２５年, ５Ｇ, ３．５％) read as ASCII ones.
_WIDE = str.maketrans(
    "０１２３４５６７８９％ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
    "0123456789%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
)
_WIDE_ANY = re.compile(r"[０-９％Ａ-Ｚａ-ｚ]")
_WIDE_POINT = re.compile(r"(\d)．(?=\d)")
# A full-width comma or colon inside a number (１，０００ 万, １２：３０) is the half-width one.
_WIDE_COMMA = re.compile(r"(\d)，(?=\d{3}(?!\d))")
_WIDE_COLON = re.compile(r"(\d)：(?=\d{2}(?!\d))")
# Corner brackets, as traditional texts quote, read as the quotation marks simplified texts use.
_QUOTES = list(zip("「」『』", "“”‘’"))
# Where half-width punctuation belongs to something else and stays: a URL or e-mail address, and
# a comma or colon between digits (1,000 and 12:30; 3.5 has nothing to change).
_URL = re.compile(r"(?:https?://|www\.)[!-~]+", re.ASCII)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
_IN_NUMBER = re.compile(r"\d[,:](?=\d)")
# A text is read as traditional when this share of its Han characters change under t2s; a
# simplified text changes almost none (a quoted 臺灣 or 著 is not enough to convert the rest).
_TRADITIONAL_SHARE = 0.02


def parse_text_of(text: str) -> str:
    """The same-length text to parse: simplified, full-width ，：；？！（）, ASCII digits and letters.

    Traditional texts' 「」『』 become “”‘’; ２０２５ and ３．５％ become 2025 and 3.5%. Written for
    5 MB inputs: C-level replace and regex passes, no Python loop over characters."""
    converted = simplified(text)
    if _WIDE_ANY.search(converted):
        converted = _WIDE_POINT.sub(r"\1.", converted.translate(_WIDE))
    if "，" in converted:
        converted = _WIDE_COMMA.sub(r"\1,", converted)
    if "：" in converted:
        converted = _WIDE_COLON.sub(r"\1:", converted)
    kept = [(match.start() + 1, match.end()) for match in _IN_NUMBER.finditer(converted)]
    if "://" in converted or "www." in converted:
        kept += [match.span() for match in _URL.finditer(converted)]
    if "@" in converted:
        kept += [match.span() for match in _EMAIL.finditer(converted)]
    widened = _widen(converted)
    if not kept:
        return widened
    pieces, offset = [], 0
    for start, end in _merged(kept):
        pieces += [widened[offset:start], converted[start:end]]
        offset = end
    pieces.append(widened[offset:])
    return "".join(pieces)


def _widen(text: str) -> str:
    for half, full in _PUNCTUATION:
        if half in text:
            text = text.replace(half, full)
    return text


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order, overlapping ones joined (a URL holding 1,2)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def simplified(text: str) -> str:
    """Traditional characters converted to simplified, one for one; a simplified text unchanged."""
    converter = _converter()
    whole = converter.convert(text)
    if whole == text:
        return text
    if len(whole) == len(text):
        changed = sum(map(operator.ne, text, whole))
        if changed < 2:
            return text
        # Non-ASCII characters stand for Han ones (punctuation too: a slightly stricter share).
        if changed < _TRADITIONAL_SHARE * (len(text) - len(text.encode("ascii", "ignore"))):
            return text
    lines = text.split("\n")
    converted = whole.split("\n")
    if len(whole) != len(text) or len(converted) != len(lines):
        converted = [converter.convert(line) for line in lines]
    result = [
        new if len(new) == len(old) else _by_character(old, converter)
        for old, new in zip(lines, converted)
    ]
    result = "\n".join(result)
    for corner, quote in _QUOTES:
        result = result.replace(corner, quote)
    return result


def looks_traditional(text: str) -> bool:
    """Whether the text would be converted: enough of its characters are traditional."""
    return simplified(text) != text


def _by_character(line: str, converter) -> str:
    characters = []
    for character in line:
        new = converter.convert(character)
        characters.append(new if len(new) == 1 else character)
    return "".join(characters)


@cache
def _converter():
    import opencc  # 0.03 s to load its tables: only when a text is read

    return opencc.OpenCC("t2s")
