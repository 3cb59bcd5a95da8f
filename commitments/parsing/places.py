"""Which city an article is about: from its metadata, its dateline, its units, or its outlet.

The 五个中心 goals are Wuhan's, so the city decides whether goals are linked at all.
"""

import re

# Wuhan's districts and functional zones: a unit named after one is a Wuhan unit.
WUHAN_DISTRICTS = (
    "江岸", "江汉", "硚口", "汉阳", "武昌", "青山", "洪山", "东西湖", "汉南", "蔡甸", "江夏", "黄陂",
    "新洲", "东湖高新", "武汉经开", "长江新区", "东湖风景区", "武汉开发区",
)
# Outlets based in one city: an article they carry without a dateline is about that city.
OUTLET_CITIES = {
    "长江日报": "武汉", "长江网": "武汉", "武汉晚报": "武汉", "武汉发布": "武汉", "楚天都市报": "武汉",
    "杭州日报": "杭州", "杭州网": "杭州", "都市快报": "杭州", "成都日报": "成都", "成都商报": "成都",
    "红星新闻": "成都", "广州日报": "广州", "南方都市报": "广州", "深圳特区报": "深圳",
    "深圳商报": "深圳", "南京日报": "南京", "新华日报": "南京", "解放日报": "上海", "文汇报": "上海",
    "北京日报": "北京", "重庆日报": "重庆", "天津日报": "天津", "西安日报": "西安", "长沙晚报": "长沙",
    "郑州日报": "郑州", "合肥晚报": "合肥",
}
_DATELINE = re.compile(r"本报(?P<place>[\u4e00-\u9fff]{2,3}?)(?:[0-9一二三四五六七八九十]+月|讯|电)")
_CITY_UNIT = re.compile(r"(?P<city>[\u4e00-\u9fff]{2,3}?)市(?=[\u4e00-\u9fff])")
_NOT_CITIES = {"本", "全", "该", "城", "我", "各", "副", "大", "超", "都", "上", "股", "夜", "菜", "集"}
_WUHAN_UNIT = re.compile(rf"(?:{'|'.join(WUHAN_DISTRICTS)})(?:区|新区)?")


def article_city(metadata, layout, parse_text: str) -> str | None:
    """The city: metadata's place, a dateline, the speakers' units, the outlet; else None."""
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
