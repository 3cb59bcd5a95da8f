"""Read numbers written in Chinese numerals (五, 十二, 两, 二〇二五) as integers."""

DIGITS = {character: value for value, character in enumerate("〇一二三四五六七八九")} | {
    "零": 0,
    "两": 2,
}
MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARACTERS = "".join(DIGITS) + "".join(MULTIPLIERS) + "万"


def chinese_number(numeral: str) -> int:
    """十二 → 12, 三百零五 → 305, 两万 → 20000; a run of digits alone (二〇二五) is read positionally."""
    if not any(character in MULTIPLIERS or character == "万" for character in numeral):
        return int("".join(str(DIGITS[character]) for character in numeral))
    total = section = digit = 0
    for character in numeral:
        if character in DIGITS:
            digit = DIGITS[character]
        elif character == "万":
            total += (section + digit) * 10_000
            section = digit = 0
        else:
            # 十二 starts with its multiplier: an implicit one.
            section += (digit or 1) * MULTIPLIERS[character]
            digit = 0
    return total + section + digit


def number(text: str) -> int:
    """An Arabic or Chinese integer."""
    return int(text) if text.isdigit() and text.isascii() else chinese_number(text)
