"""Which city an article is about: from its metadata, its dateline, its units, or its outlet.

The 五个中心 goals are Wuhan's, so the city decides whether goals are linked at all.
"""

import re

from .metadata import OUTLET_CITIES

# Wuhan's districts and functional zones: a unit named after one is a Wuhan unit.
WUHAN_DISTRICTS = (
    "江岸", "江汉", "硚口", "汉阳", "武昌", "青山", "洪山", "东西湖", "汉南", "蔡甸", "江夏", "黄陂",
    "新洲", "东湖高新", "武汉经开", "长江新区", "东湖风景区", "武汉开发区",
)
_DATELINE = re.compile(r"本报(?P<place>[\u4e00-\u9fff]{2,3}?)(?:[0-9一二三四五六七八九十]+月|讯|电)")
_CITY_UNIT = re.compile(r"(?P<city>[\u4e00-\u9fff]{2,3}?)市(?=[\u4e00-\u9fff])")
# A headline about a city's departments: 郑州市直部门“一把手”谈2022, 某某市各部门……, 某某市：…
_CITY_IN_TITLE = re.compile(r"^(?P<city>[\u4e00-\u9fff]{2,3}?)市(?:直|各|属|委|政府|[：:\s])")
_NOT_CITIES = {"本", "全", "该", "城", "我", "各", "副", "大", "超", "都", "上", "股", "夜", "菜", "集"}
_WUHAN_UNIT = re.compile(rf"(?:{'|'.join(WUHAN_DISTRICTS)})(?:区|新区)?")


def article_city(metadata, layout, parse_text: str) -> str | None:
    """The city: metadata's place, a dateline, the speakers' units, the title, the outlet;
    else None."""
    place = getattr(metadata, "place", None)
    if place:
        return place.removesuffix("市")
    head = "\n".join(paragraph.text for paragraph in layout.header)
    dateline = _DATELINE.search(head)
    if dateline and dateline["place"] not in ("讯",):
        return dateline["place"].removesuffix("市")
    units = [block.speaker.unit for block in layout.blocks]
    for unit in units:
        match = _CITY_UNIT.match(unit)
        if match and match["city"] not in _NOT_CITIES and not match["city"].startswith(("市", "省")):
            return match["city"].removeprefix("湖北省")
    if any(_WUHAN_UNIT.match(unit) for unit in units):
        return "武汉"
    title = _CITY_IN_TITLE.match(getattr(metadata, "title", "") or "")
    if title and title["city"] not in _NOT_CITIES:
        return title["city"]
    source = getattr(metadata, "source", "") or ""
    for outlet, city in OUTLET_CITIES.items():
        if outlet in source or outlet in head[:2000]:
            return city
    # Last: the body names Wuhan or its landmarks, and no speaker's unit names another city.
    if _WUHAN_WORDS.search(parse_text[:50000]):
        return "武汉"
    return None


_WUHAN_WORDS = re.compile(
    r"武汉|大武汉|东湖科学城|光谷科创大走廊|光谷|汉口|汉阳|武昌|江汉路|楚河汉街|"
    + "|".join(f"{district}区" for district in WUHAN_DISTRICTS[:12])
)
