"""The text the grammar matches on: simplified characters, full-width punctuation, ASCII digits.

Every change is one character for one, so that a span found in the result is valid in the
original text. Traditional characters are converted with OpenCC's ``t2s`` phrase tables; where a
phrase conversion would change a line's length, that line is converted character by character.
"""

import re
from functools import cache

# Half-width punctuation the grammar reads as its full-width form.
_PUNCTUATION = str.maketrans(",:;?!()", "，：；？！（）")
# Full-width digits, percent and Latin letters (２０２５年, ５Ｇ, ３．５％) read as ASCII ones.
_WIDE = str.maketrans(
    "０１２３４５６７８９％ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
    "0123456789%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
)
_WIDE_POINT = re.compile(r"(?<=\d)．(?=\d)")
# A full-width comma or colon inside a number (１，０００ 万, １２：３０) is the half-width one.
_WIDE_IN_NUMBER = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))|(?<=\d)：(?=\d{2}(?!\d))")
# Corner brackets, as traditional texts quote, read as the quotation marks simplified texts use.
_QUOTES = str.maketrans("「」『』", "“”‘’")
# Where half-width punctuation belongs to something else: a URL or e-mail address, and a comma or
# colon between digits (1,000 and 12:30), or a decimal point's neighbours (3.5 has none to change).
_KEEP = re.compile(
    r"(?:https?://|www\.)[!-~]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<=\d)[,:](?=\d)", re.ASCII
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A text is read as traditional when this share of its Han characters change under t2s; a
# simplified text changes almost none (a quoted 臺灣 or 著 is not enough to convert the rest).
_TRADITIONAL_SHARE = 0.02


def parse_text_of(text: str) -> str:
    """The same-length text to parse: simplified, full-width ，：；？！（）, ASCII digits and letters.

    Traditional texts' 「」『』 become “”‘’; ２０２５ and ３．５％ become 2025 and 3.5%."""
    converted = simplified(text).translate(_WIDE)
    if "．" in converted:
        converted = _WIDE_POINT.sub(".", converted)
    converted = _WIDE_IN_NUMBER.sub(lambda match: "," if match[0] == "，" else ":", converted)
    kept = [match.span() for match in _KEEP.finditer(converted)]
    if not kept:
        return converted.translate(_PUNCTUATION)
    pieces, offset = [], 0
    for start, end in kept:
        pieces.append(converted[offset:start].translate(_PUNCTUATION))
        pieces.append(converted[start:end])
        offset = end
    pieces.append(converted[offset:].translate(_PUNCTUATION))
    return "".join(pieces)


def simplified(text: str) -> str:
    """Traditional characters converted to simplified, one for one; a simplified text unchanged."""
    han = len(_HAN.findall(text))
    if not han:
        return text
    converter = _converter()
    whole = converter.convert(text)
    changed = sum(1 for a, b in zip(text, whole) if a != b) if len(whole) == len(text) else han
    if changed < max(2, _TRADITIONAL_SHARE * han):
        return text
    lines = text.split("\n")
    converted = whole.split("\n")
    if len(whole) != len(text) or len(converted) != len(lines):
        converted = [converter.convert(line) for line in lines]
    result = [
        new if len(new) == len(old) else _by_character(old, converter)
        for old, new in zip(lines, converted)
    ]
    return "\n".join(result).translate(_QUOTES)


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
