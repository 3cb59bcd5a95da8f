"""Metadata read from the frame of an article: title, datelines (date, place, source), url."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from commitments.parsing import parse_article
from commitments.parsing.decoding import split_paragraphs
from commitments.parsing.metadata import (
    OUTLET_CITIES,
    is_title_furniture,
    read_dateline,
    read_metadata,
)
from commitments.parsing.outline import is_plan_outline, looks_like_plan_outline
from commitments.parsing.readers import read_source

WUHAN = ZoneInfo("Asia/Shanghai")


def metadata_of(text: str, header_lines: int, **kwargs):
    """Metadata as the parser reads it: on the parse text, header = the first lines."""
    paragraphs = split_paragraphs(read_source(text).parse_text)
    header, footer = paragraphs[:header_lines], paragraphs[-2:]
    return read_metadata(header, footer, paragraphs=paragraphs, **kwargs)


@pytest.mark.parametrize(
    "line",
    ["浙东都市报数字报纸", "第03版:要闻", "第A03版：杭州新闻", "03版：经济", "【聚焦十四五】", "【部门访谈】",
     "记者 王晓燕", "本报记者 李明 周红", "文/图 张三", "当前位置：首页 > 新闻", "2021年01月13日 星期三",
     "当前版：第03版", "https://news.example.cn/a.html", "点击蓝字关注我们", "点击上方“洪山发布”关注我们",
     "长按识别二维码关注"],
)
def test_furniture_column_labels_and_bylines_are_never_a_title(line):
    assert is_title_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["市商务局局长张卫东：十四五期间打造国际消费中心城市", "为数字经济插上翅膀", "各部门谈“十四五”发展（测试样稿）",
     "【聚焦十四五】市商务局：打造国际消费中心城市"],
)
def test_headlines_are_titles(line):
    assert not is_title_furniture(line)


def test_the_title_skips_page_names_column_labels_and_bylines_above_it():
    text = (
        "浙东都市报数字报纸\n第03版:杭州新闻\n【聚焦十四五】\n记者 王晓燕\n"
        "杭州市经信局：到2025年数字经济核心产业增加值突破7000亿元\n"
        "本报杭州1月12日讯（记者 王晓燕 通讯员 钱程）今天上午，杭州市经济和信息化局局长陈立群表示，将打造数字经济第一城。\n"
    )
    metadata = metadata_of(text, 5, url="http://epaper.example.com/html/2021-01/13/content_1.htm")
    assert metadata.title == "杭州市经信局：到2025年数字经济核心产业增加值突破7000亿元"
    assert metadata.place == "杭州"
    assert metadata.published_at == datetime(2021, 1, 12, tzinfo=WUHAN)  # the year from the url
    assert metadata.credits == {"记者": ["王晓燕"], "通讯员": ["钱程"]}
    assert metadata.url == "http://epaper.example.com/html/2021-01/13/content_1.htm"


@pytest.mark.parametrize(
    ("line", "month", "day", "place", "source"),
    [
        ("本报杭州1月12日讯（记者 王某）今天上午，……", 1, 12, "杭州", ""),
        ("长江日报讯(记者 李明 通讯员 周红)12月18日，……", None, None, "武汉", "长江日报"),
        ("新华社武汉1月5日电（记者 张三）记者从市发改委获悉，……", 1, 5, "武汉", "新华社"),
        ("（11月12日）市统计局局长李四表示，……", 11, 12, None, ""),
        ("本报讯（记者 赵明）1月4日，……", None, None, None, ""),
        ("杭州日报讯 记者从市经信局获悉，……", None, None, "杭州", "杭州日报"),
        ("本报南京十二月三日讯 ……", 12, 3, "南京", ""),
    ],
)
def test_news_datelines_are_read_for_date_place_and_source(line, month, day, place, source):
    dateline = read_dateline(read_source(line).parse_text)
    assert (dateline.month, dateline.day, dateline.place, dateline.source) == (
        month, day, place, source)


def test_a_dateline_names_its_credits():
    dateline = read_dateline("长江日报讯（记者 李明 通讯员 周红）12月18日，……")
    assert dateline.credits == {"记者": ["李明"], "通讯员": ["周红"]}


@pytest.mark.parametrize(
    ("line", "expected", "source"),
    [
        ("2021-01-05 08:30 来源：长江网", datetime(2021, 1, 5, 8, 30, tzinfo=WUHAN), "长江网"),
        ("发布时间：2021年01月05日 信息来源：某某日报", datetime(2021, 1, 5, tzinfo=WUHAN), "某某日报"),
        # An outlet's or WeChat account's name before the date and time is the source.
        ("荆楚在线 2021/01/15 09:42:10 编辑：何楠", datetime(2021, 1, 15, 9, 42, 10, tzinfo=WUHAN),
         "荆楚在线"),
        ("原创 洪山发布 洪山发布 2021-01-15 18:30", datetime(2021, 1, 15, 18, 30, tzinfo=WUHAN),
         "洪山发布"),
        # A newspaper page's header.
        ("江城日报 2021年1月6日 星期三 第5版", datetime(2021, 1, 6, tzinfo=WUHAN), "江城日报"),
        ("2021年1月5日 08:30 稿源: 江城日报", datetime(2021, 1, 5, 8, 30, tzinfo=WUHAN), "江城日报"),
    ],
)
def test_date_lines_give_the_publication_time_and_source(line, expected, source):
    metadata = metadata_of(f"标题一行\n{line}\n市商务局局长张三：\n将推进改革。\n", 2)
    assert metadata.title == "标题一行"
    assert metadata.published_at == expected
    assert metadata.source == source


def test_a_full_date_line_wins_over_a_dateline_without_year():
    text = "标题\n2021-01-13 06:00 来源：杭州日报\n本报杭州1月12日讯（记者 王某）今天，市经信局局长陈某表示，……\n"
    metadata = metadata_of(text, 2)
    assert metadata.published_at == datetime(2021, 1, 13, 6, 0, tzinfo=WUHAN)
    assert metadata.source == "杭州日报" and metadata.place == "杭州"


def test_a_dateline_without_year_and_without_url_gives_no_date():
    metadata = metadata_of("标题\n（11月12日）市统计局局长李四表示，将推进改革。\n", 1)
    assert metadata.published_at is None


def test_the_outlet_of_a_source_line_gives_its_home_city_when_no_place_is_named():
    metadata = metadata_of("标题\n2020-12-22 07:08 来源：长江网\n正文。\n", 2)
    assert metadata.place == "武汉"
    assert metadata_of("标题\n2020-12-22 来源：某某日报\n正文。\n", 2).place is None
    assert OUTLET_CITIES["长江日报"] == "武汉" and "湖北日报" not in OUTLET_CITIES


def test_the_title_hint_picks_the_headline_and_stands_in_when_none_is_found():
    text = "为数字经济插上翅膀\n杭州市经信局：打造数字经济第一城\n2021-01-13 来源：杭州日报\n正文。\n"
    assert metadata_of(text, 3, title_hint="杭州市经信局：打造数字经济第一城").title == (
        "杭州市经信局：打造数字经济第一城")
    assert metadata_of(text, 3).title == "为数字经济插上翅膀"
    assert metadata_of("2021-01-13 来源：杭州日报\n正文。\n", 1, title_hint="网页标题").title == "网页标题"


def test_a_url_line_in_the_footer_is_the_original_address():
    text = "标题\n正文。\n原文链接：https://news.example.cn/2021/01/05/a.html\n"
    assert metadata_of(text, 1).url == "https://news.example.cn/2021/01/05/a.html"


def test_an_editor_anywhere_in_a_footer_line_is_read():
    assert metadata_of("标题\n正文。\n【作者：杨帆】【责任编辑：何楠】\n", 1).editor == "何楠"
    assert metadata_of("标题\n正文。\n（责任编辑：陈静）\n", 1).editor == "陈静"


def test_the_seed_article_keeps_its_metadata():
    from .articles import REAL_ARTICLE

    paragraphs = split_paragraphs(read_source(REAL_ARTICLE.read_bytes()).parse_text)
    metadata = read_metadata(paragraphs[:4], paragraphs[-3:], paragraphs=paragraphs)
    assert metadata.title == "在建设现代化大武汉新征程中乘风破浪——贯彻落实市委十三届十次全会精神谈发展③"
    assert metadata.published_at == datetime(2020, 12, 22, 7, 8, tzinfo=WUHAN)
    assert metadata.source == "长江网" and metadata.editor == "张靖" and metadata.place == "武汉"
    assert metadata.credits["统筹"] == ["倪宁"] and len(metadata.credits["记者"]) == 11


PLAN = """某某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要
目  录
第一章 开启全面建设社会主义现代化新征程
第一节 发展基础
“十三五”时期，全市经济实力显著增强，地区生产总值突破1.5万亿元。
第二节 发展环境
第二章 加快建设国家中心城市
"""


def test_a_plan_outline_is_recognised_naming_its_line():
    reason = looks_like_plan_outline(split_paragraphs(PLAN))
    assert reason.startswith("Line 2 shows a plan document, not an article where officials speak")
    assert is_plan_outline(PLAN)
    without_contents = PLAN.replace("目  录\n", "")
    assert looks_like_plan_outline(split_paragraphs(without_contents)).startswith("Line 2 ")


@pytest.mark.parametrize(
    "text",
    [
        "市统计局局长张三：\n第一章讲的是什么？我们将推进改革。\n第二章讲发展，将推进创新。\n",
        "标题\n市发改委主任李四表示，规划纲要第一章提出，将建设国家中心城市。\n第二章则提出了五个中心。\n",
        "一、做大经济总量\n将推进改革。\n二、建设科技创新中心\n将推进创新。\n",
    ],
)
def test_articles_that_mention_chapters_are_not_plan_outlines(text):
    assert looks_like_plan_outline(split_paragraphs(text)) is None


def test_a_headline_read_as_a_speaker_line_is_still_the_title():
    text = (
        "市商务局局长张卫东：十四五期间打造国际消费中心城市\n"
        "2021-01-12 08:30 来源：江城日报\n"
        "江城日报讯（记者 李晓明）1月11日，市商务局局长张卫东表示，将建设国际消费中心城市。\n"
    )
    paragraphs = split_paragraphs(read_source(text).parse_text)
    metadata = read_metadata([], paragraphs[-1:], paragraphs=paragraphs)
    assert metadata.title == "市商务局局长张卫东：十四五期间打造国际消费中心城市"
    assert metadata.published_at == datetime(2021, 1, 12, 8, 30, tzinfo=WUHAN)
    assert metadata.source == "江城日报" and metadata.credits == {"记者": ["李晓明"]}


def test_a_traditional_title_hint_finds_the_simplified_headline():
    text = "為數字經濟插上翅膀\n杭州市經信局：打造數字經濟第一城\n2021-01-13 來源：杭州日報\n正文。\n"
    metadata = metadata_of(text, 3, title_hint="杭州市經信局:打造數字經濟第一城")
    assert metadata.title == "杭州市经信局：打造数字经济第一城"
    assert metadata.source == "杭州日报" and metadata.place == "杭州"


def test_credits_name_their_roles_after_any_outlet():
    dateline = read_dateline("杭州日报讯（杭州日报记者 王晓燕 通讯员 钱程）昨天，……")
    assert dateline.credits == {"记者": ["王晓燕"], "通讯员": ["钱程"]}
    assert is_title_furniture("原标题：为数字经济插上翅膀")


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("2019-09-26 12:11来源：证券时报网作者：李在山", "证券时报网"),
        ("2018年12月28日 19:55 新京报", "新京报"),
        ("2021-01-05 08:30:12 长江日报", "长江日报"),
        ("2021-01-05 长江日报", ""),  # a date alone, then a word: not surely an outlet
        ("发布时间：2021-01-05 08:30 来源：长江网 字号：大", "长江网"),
    ],
)
def test_the_source_is_read_up_to_the_next_field(line, source):
    assert read_dateline(line).source == source


def test_role_words_and_staff_codes_are_not_names():
    assert read_dateline("长江网10月4日讯（记者陈智 整合）国庆中秋长假过半，……").credits == {"记者": ["陈智"]}
    assert metadata_of("标题\n正文。\n责任编辑：杨倩_NF4425\n", 1).editor == "杨倩"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://epaper.example.com/html/2021-01/13/content_1.htm",
         datetime(2021, 1, 13, tzinfo=WUHAN)),
        ("https://www.example.com/news/202101/t20210115_1001.shtml",
         datetime(2021, 1, 15, tzinfo=WUHAN)),
        ("https://news.example.cn/2021/01/12/content_8.html", datetime(2021, 1, 12, tzinfo=WUHAN)),
        ("https://news.example.cn/a/1234.html", None),
    ],
)
def test_an_article_without_any_date_takes_its_addresss(url, expected):
    assert metadata_of("标题\n市统计局局长李四表示，将推进改革。\n", 1, url=url).published_at == expected


@pytest.mark.parametrize(
    ("masthead", "source"),
    [("杭州日报", "杭州日报"), ("长江日报数字报纸", "长江日报"), ("临溪发布", "临溪发布"), ("長江日報", "长江日报"),
     ("某某市青白江区人民政府网", "某某市青白江区人民政府网"), ("长江网", "长江网")],
)
def test_a_masthead_above_the_headline_is_no_title_but_names_the_source(masthead, source):
    text = f"{masthead}\n部门负责人谈“十四五”：抓开局 谋新篇\n2021年01月15日\n本报讯 市商务局局长张三表示，将推进改革。\n"
    metadata = metadata_of(text, 3)
    assert metadata.title == "部门负责人谈“十四五”：抓开局 谋新篇"
    assert metadata.source == source


def test_a_source_line_wins_over_the_masthead():
    text = "长江日报\n区委书记谈发展\n2021-01-06 来源：长江网\n正文。\n"
    metadata = metadata_of(text, 3)
    assert metadata.title == "区委书记谈发展" and metadata.source == "长江网"


@pytest.mark.parametrize("headline", ["织密城市安全网", "武汉经济发展新闻发布", "全市重点项目集中开工"])
def test_a_headline_ending_like_an_outlet_is_still_a_title(headline):
    assert metadata_of(f"{headline}\n正文。\n", 1).title == headline


def test_a_source_that_is_a_citys_own_body_names_the_place():
    text = "成都市青白江区人民政府网\n【镇街书记谈发展】清泉镇党委书记杨某：建好后花园\n正文。\n"
    assert metadata_of(text, 2).place == "成都"
    assert metadata_of("标题\n2021-01-05 来源：武汉市发改委\n正文。\n", 2).place == "武汉"
    assert metadata_of("标题\n2021-01-05 来源：市场监管报\n正文。\n", 2).place is None


def test_credits_of_a_media_centre_reporter():
    dateline = read_dateline("长江日报讯（长江日报融媒体记者 李明 通讯员 周红）12月18日，……")
    assert dateline.credits == {"记者": ["李明"], "通讯员": ["周红"]}


@pytest.mark.parametrize(
    ("title", "city"),
    [("郑州市直部门“一把手”谈2022", "郑州"), ("洛阳市各部门晒出任务单", "洛阳"),
     ("看我市新年新气象", None), ("新年新市场新机遇", None)],
)
def test_a_headline_about_a_citys_departments_names_the_city(title, city):
    article = parse_article(f"{title}\n\n2022-01-25 08:12 来源：某某网\n\n市教育局局长 孙明远：今年将新建学校20所。\n")
    assert article.city == city
