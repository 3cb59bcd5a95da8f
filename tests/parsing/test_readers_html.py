"""The html reader: a page saved from a browser gives its article as text, furniture dropped."""

from pathlib import Path

import pytest

from commitments.parsing import parse_article
from commitments.parsing.errors import ArticleParseError
from commitments.parsing.readers import read_source
from commitments.parsing.readers.html import accepts, decode_page

PAGES = Path(__file__).resolve().parent / "pages"


def page(name: str):
    return read_source((PAGES / name).read_bytes(), filename=name)


FURNITURE = ["首页", "展开频道", "一周热门", "热门", "相关新闻", "相关阅读", "相關新聞", "版权所有", "版權所有",
             "ICP备", "分享到", "上一篇", "下一篇", "网友评论", "字体", "本版导航", "数字报纸", "扫一扫",
             "当前位置", "您当前的位置", "document.", "function", "{", "正文开始", "主办单位", "今日要闻",
             "区政动态", "通知公告", "打印本页", "关闭窗口", "附件", "加油江夏", "关注该公众号", "在看",
             "网站标识码"]


@pytest.mark.parametrize(
    "name",
    ["news-portal-utf8.html", "gov-table-gbk.html", "epaper-br-gbk.html",
     "mirror-traditional-utf8.html", "interview-divs-utf8.html", "wechat-sections-utf8.html",
     "sidebar-heavy-utf8.html", "district-inline-headline-utf8.html",
     "agency-split-date-utf8.html", "association-h5-headline-utf8.html"],
)
def test_no_page_furniture_script_or_comment_reaches_the_text(name):
    source = page(name)
    assert source.format == "html"
    lines = source.text.splitlines()
    for line in lines:
        assert not any(word in line for word in FURNITURE if word not in ("字体",)), line
    assert not any(line.startswith("【字体") or "<" in line for line in lines)


def test_a_news_portal_page_gives_headline_dateline_paragraphs_and_editor():
    source = page("news-portal-utf8.html")
    lines = source.text.splitlines()
    assert lines[0] == "市商务局局长张卫东：十四五期间打造国际消费中心城市"
    assert lines[1] == "2021-01-12 08:30 来源：江城日报 作者：李晓明"  # without 【字体：…】【打印】
    assert lines[2].startswith("江城日报讯（记者 李晓明 通讯员 周小红）1月11日，市商务局党组书记、局长张卫东")
    assert "“十四五”期间" in lines[2]  # &ldquo; &rdquo; decoded
    assert lines[-1] == "（责任编辑：陈静）"
    assert sum("张卫东" in line for line in lines) == 4 and len(lines) == 8
    assert "图为江汉路步行街夜景。记者 王小刚 摄" in lines
    assert source.url == "https://news.example-cj.cn/2021/01/12/content_88123456.html"  # canonical
    assert source.title_hint == "市商务局局长张卫东：十四五期间打造国际消费中心城市"  # og:title


def test_a_gbk_government_page_in_tables_with_trs_editor_paragraphs():
    raw = (PAGES / "gov-table-gbk.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    source = page("gov-table-gbk.html")
    lines = source.text.splitlines()
    assert lines[0] == "区发改局局长刘建国：今后五年建成三个千亿级产业集群"
    assert lines[1] == "发布时间：2021年01月05日 信息来源：某某日报"  # no view count, 【打印】【关闭】
    assert lines[2].startswith("本报讯（记者 赵明 通讯员 孙丽）1月4日")
    assert len(lines) == 7 and lines[-1] == "责任编辑：王芳"
    assert "相关文章" not in source.text and "区长李明主持" not in source.text
    # The saved-from comment browsers write names the address when no canonical link does.
    assert source.url == "http://fgw.example-city.gov.cn/art/2021/1/5/art_1229_1.html"
    assert source.title_hint == "区发改局局长刘建国：今后五年建成三个千亿级产业集群"


def test_br_separated_paragraphs_of_an_e_paper_page_become_lines():
    source = page("epaper-br-gbk.html")
    lines = source.text.splitlines()
    assert lines[0] == "2021年01月13日 星期三"
    assert lines[1] == "杭州市经信局：到2025年数字经济核心产业增加值突破7000亿元"
    assert lines[2].startswith("本报杭州1月12日讯（记者 王晓燕 通讯员 钱程）今天上午")
    assert lines[-1] == "他还表示，将加快推进5G基站建设，今年新建5G基站1.2万个，实现城区和重点乡镇全覆盖。"
    assert len(lines) == 6
    assert source.url == "http://epaper.example-zd.com/html/2021-01/13/content_2233.htm"  # og:url
    assert source.title_hint == "杭州市经信局：到2025年数字经济核心产业增加值突破7000亿元"


def test_an_interview_of_one_div_per_paragraph_keeps_questions_and_answers():
    source = page("interview-divs-utf8.html")
    lines = source.text.splitlines()
    assert lines[0] == "专访江岸区区长吴海燕：打造长江主轴“城市会客厅”"
    assert "2021/01/15 09:42:10" in lines[1]
    assert lines[3] == "记者：江岸区在“十四五”时期的定位是什么？"
    assert lines[4].startswith("吴海燕：我们的目标是建设国家中心城市核心功能区。")
    assert "江汉区区长：建设武汉中央商务区" not in source.text  # related stories inside the body
    assert lines[-1] == "【作者：杨帆】【责任编辑：何楠】"
    assert source.url == "https://www.example-jc.com/news/202101/t20210115_1001.shtml"
    assert source.title_hint == "专访江岸区区长吴海燕：打造长江主轴“城市会客厅”"


def test_a_traditional_page_is_kept_as_served_and_parsed_simplified():
    source = page("mirror-traditional-utf8.html")
    lines = source.text.splitlines()
    assert lines[0] == "市交通運輸局局長黃志強：「十四五」期間新建城市快速路120公里"
    assert lines[1] == "2021-01-08 09:15 來源：長江日報"
    assert source.parse_text.splitlines()[1] == "2021-01-08 09:15 来源：长江日报"
    assert source.parse_text.splitlines()[0] == "市交通运输局局长黄志强：“十四五”期间新建城市快速路120公里"
    assert len(lines) == 5
    start = source.parse_text.index("力争突破600公里")
    assert source.text[start : start + 9] == "力爭突破600公里"


def test_spans_in_parse_text_are_spans_of_text_for_every_page():
    for name in PAGES.glob("*.html"):
        source = page(name.name)
        assert len(source.parse_text) == len(source.text)
        for line, parse_line in zip(source.text.splitlines(), source.parse_text.splitlines()):
            assert len(line) == len(parse_line)


@pytest.mark.parametrize(
    ("head", "filename", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", None, True),
        (b"\xef\xbb\xbf  <html lang='zh'>", None, True),
        ("<!-- saved from url=(0020)http://a.example/ -->\n<html>", "x.txt", True),
        (b"<p>\xe5\xb8\x82\xe5\x95\x86\xe5\x8a\xa1\xe5\xb1\x80</p><p>x</p>", "article.html", True),
        (b"<p>a fragment</p>", "article.txt", False),
        ("<div class='article'><p>one</p><p>two</p></div>", None, True),
        ("市商务局局长张三：\n将推进改革。<html>", "article.html", False),
        ("标题\n<html>不是开头</html>", None, False),
    ],
)
def test_the_reader_is_chosen_by_content_with_the_filename_only_as_a_hint(head, filename, expected):
    assert accepts(head, filename) is expected


@pytest.mark.parametrize(
    ("declared", "encoding"),
    [("gb2312", "gbk"), ("GBK", "gbk"), ("utf-8", "utf-8"), ("gb18030", "gb18030")],
)
def test_the_declared_charset_decodes_the_page(declared, encoding):
    body = "<p>市商务局局长张卫东：将建设国际消费中心城市，“十四五”期间力争突破8000亿元。</p>"
    html = f'<html><head><meta charset="{declared}"></head><body>{body}</body></html>'
    assert decode_page(html.encode(encoding)) == html


@pytest.mark.parametrize(("declared", "encoding"), [("gb2312", "utf-8"), ("iso-8859-1", "gbk"),
                                                   ("utf-8", "gbk")])
def test_a_page_declaring_the_wrong_charset_is_still_read(declared, encoding):
    html = f'<html><head><meta charset="{declared}"></head><body><p>市商务局将推进改革。</p></body></html>'
    assert decode_page(html.encode(encoding)) == html


def test_a_minimal_page_with_br_lines_and_entities():
    raw = (
        "<html><body><div>市统计局局长李四&nbsp;谈统计现代化<br/>"
        "李四表示，&ldquo;十四五&rdquo;期间，将推进统计现代化改革，建设统计大数据平台。<br>"
        "他说，到2023年，全市统计调查全面实现电子化采集。</div></body></html>"
    )
    source = read_source(raw)
    assert source.format == "html"
    assert source.text.splitlines() == [
        "市统计局局长李四 谈统计现代化",
        "李四表示，“十四五”期间，将推进统计现代化改革，建设统计大数据平台。",
        "他说，到2023年，全市统计调查全面实现电子化采集。",
    ]
    assert source.url is None


def test_a_page_without_text_is_refused_in_one_sentence():
    with pytest.raises(ArticleParseError, match="^The page holds no text"):
        read_source("<!DOCTYPE html><html><head><title></title></head>"
                    "<body><script>x()</script></body></html>")


def test_deeply_nested_markup_is_read_without_exhausting_the_stack():
    raw = "<html><body>" + "<div>" * 50_000 + "市商务局将推进改革，建设消费中心城市。" + "</div>" * 50_000
    assert read_source(raw).text == "市商务局将推进改革，建设消费中心城市。\n"


def test_a_wechat_article_of_nested_sections_and_spans_keeps_its_paragraphs_whole():
    source = page("wechat-sections-utf8.html")
    lines = source.text.splitlines()
    assert lines[0] == "江夏区委书记：今后五年，这样干！"
    assert lines[1] == "原创 江夏发布 2021-01-06 18:20"  # a space between two spans
    assert lines[3] == ("“我们要抓住光谷南大健康产业园建设的机遇，到2025年，全区地区生产总值突破2000亿元，"
                        "规模以上工业企业达到500家。”")
    assert "生态立区" in lines and lines[-2:] == ["来源：江夏区融媒体中心", "编辑：刘洋 审核：陈红"]
    assert "希望五年后梁子湖更美" not in source.text  # readers' comments under the article
    assert source.url.startswith("http://mp.weixin.qq.com/s?__biz=") and "&mid=" in source.url


def test_a_column_of_summaries_beside_a_short_article_is_not_taken_for_it():
    source = page("sidebar-heavy-utf8.html")
    assert source.text.splitlines() == [
        "黄石市发改委主任：五年内建成区域性物流枢纽",
        "2021年01月07日 10:05\u3000来源：东楚晚报\u3000作者：程刚",
        "本报讯（记者 程刚）黄石市发展和改革委员会主任胡建平6日表示，五年内，黄石将建成长江中游区域性物流枢纽，"
        "港口吞吐量力争达到1.5亿吨。",
        "胡建平说，下一步将推进棋盘洲港区三期建设，开通更多江海直达航线。",
        "责任编辑：吴丽",
    ]


def test_without_class_names_or_a_page_title_the_headline_still_anchors_the_body():
    raw = (PAGES / "sidebar-heavy-utf8.html").read_text(encoding="utf-8")
    raw = raw.replace('class="body"', 'class="c1"').replace('class="box summaries"', 'class="c2"')
    raw = raw.replace("<title>黄石市发改委主任：五年内建成区域性物流枢纽 - 东楚网</title>", "<title>东楚网</title>")
    source = read_source(raw)
    assert source.text == page("sidebar-heavy-utf8.html").text
    assert source.title_hint == "黄石市发改委主任：五年内建成区域性物流枢纽"


def test_a_headline_inside_the_article_element_starts_the_text():
    source = page("district-inline-headline-utf8.html")
    lines = source.text.splitlines()
    assert lines[0] == "东西湖区区长：五年内建成网络安全人才与创新基地核心区"
    assert lines[1] == "发布时间：2021-01-09 16:00\u3000\u3000来源：东西湖区融媒体中心"
    assert lines[2] == "1月8日，东西湖区第一届人民代表大会第六次会议开幕。区长张晓峰代表区人民政府作工作报告。"
    assert lines[-1] == "会议现场。" and len(lines) == 6
    assert source.url is None


def test_a_page_of_too_many_tags_is_refused_before_it_is_parsed():
    raw = "<html><body>" + "<p>短行</p>" * 60_001
    message = "^The page has 60,003 tags, over the limit of 60,000"
    with pytest.raises(ArticleParseError, match=message):
        read_source(raw)


def test_a_page_whose_every_line_is_a_link_is_refused():
    raw = "<html><body>" + "<div><a href='/x'>市发改委：十四五规划纲要编制进入关键阶段</a></div>" * 50
    with pytest.raises(ArticleParseError, match="^The page holds no text"):
        read_source(raw)


def test_a_page_saved_as_a_single_file_is_read_from_its_html_part():
    source = page("district-single-file.mhtml")
    assert source.format == "mhtml"
    assert source.text == page("district-inline-headline-utf8.html").text
    # No canonical link in the page: the address the browser saved it from.
    assert source.url == "http://www.example-dxh.gov.cn/qzdt/202101/t20210109_1.shtml"


def test_the_readers_are_one_list_with_plain_text_last():
    from commitments.parsing.readers import READERS

    assert [reader.FORMAT for reader in READERS] == ["mhtml", "html", "text"]
    for reader in READERS:
        assert callable(reader.accepts) and callable(reader.read)


def test_a_date_drawn_in_split_spans_is_read_from_the_pages_meta():
    source = page("agency-split-date-utf8.html")
    assert source.text.splitlines() == [
        "武汉：今后五年建设国家科技创新中心",
        "发布时间：2021-01-05 08:30 来源：新华网",
        "新华社武汉1月5日电（记者 张某某）记者从武汉市科技局获悉，“十四五”期间，武汉将以东湖科学城为核心，"
        "加快建设国家科技创新中心。",
        "武汉市科技局局长李某某说，到2025年，全市高新技术企业数量将突破1.5万家，技术合同成交额达到1500亿元。",
        "【责任编辑:周某】",
    ]


def test_a_page_showing_its_own_date_gets_no_date_from_its_meta():
    assert "发布时间" not in page("news-portal-utf8.html").text
    assert page("gov-table-gbk.html").text.count("发布时间") == 1


def test_an_article_cut_in_two_by_an_advertisement_is_read_whole():
    lines = page("split-by-advert-utf8.html").text.splitlines()
    assert lines[:2] == ["市发改委主任王某：五年内建成国家中心城市", "2021-01-05 08:30 来源：某某日报"]
    assert len(lines) == 6
    assert lines[-1] == "他还说，将推进多式联运发展，打造国际物流枢纽，集装箱吞吐量年均增长10%以上。"


@pytest.mark.parametrize(
    ("title", "hint"),
    [
        ("在新征程中乘风破浪——各部门谈发展③_武汉_长江网", "在新征程中乘风破浪——各部门谈发展③"),
        ("长江网 | 市商务局：打造国际消费中心城市", "市商务局：打造国际消费中心城市"),
        ("市商务局：打造国际消费中心城市－江城新闻网", "市商务局：打造国际消费中心城市"),
        ("2021-2025年发展规划解读 - 某某网", "2021-2025年发展规划解读"),
    ],
)
def test_the_title_hint_is_the_pages_title_without_the_site_name(title, hint):
    raw = f"<html><head><title>{title}</title></head><body><p>市商务局将推进改革，建设消费中心。</p></body></html>"
    assert read_source(raw).title_hint == hint


def test_a_heading_of_any_level_above_the_body_is_the_headline_when_the_title_names_the_site():
    source = page("association-h5-headline-utf8.html")
    assert source.text.splitlines() == [
        "市交通运输局局长王海涛：五年内建成国家物流枢纽城市",
        "发布时间：2021-01-11 来源：某某市物流与采购联合会",
        "1月10日，市物流与采购联合会年会召开。市交通运输局局长王海涛在会上表示，五年内，我市将建成国家物流枢纽城市，"
        "多式联运货运量年均增长15%。",
        "会议现场",
        "王海涛说，今年将新开通中欧班列线路3条，新建城乡配送中心20个，让物流成本占地区生产总值的比重下降到13%以下。",
    ]
    assert source.title_hint == "市交通运输局局长王海涛：五年内建成国家物流枢纽城市"


def test_a_subtitle_naming_the_interviewed_official_is_kept_under_the_headline():
    lines = page("interview-subtitle-utf8.html").text.splitlines()
    assert lines[:3] == ["让长江主轴成为城市会客厅", "——访江岸区委副书记、区长吴海燕", "2021-01-15 09:42 来源：长江日报"]
    assert lines[3] == "记者：江岸区在“十四五”时期的定位是什么？" and len(lines) == 7


def test_an_og_title_cut_short_by_an_unescaped_quote_gives_way_to_the_headline():
    raw = (
        '<html><head><meta property="og:title" content="市商务局长："夜经济"要做成城市名片">'
        "</head><body><h1>市商务局长：\"夜经济\"要做成城市名片</h1>"
        "<div><p>市商务局局长张三表示，今后五年将建设夜间消费集聚区20个，打造国际消费中心城市。</p></div></body></html>"
    )
    source = read_source(raw)
    assert source.title_hint == '市商务局长："夜经济"要做成城市名片'


@pytest.mark.parametrize(
    ("name", "title", "published", "source", "url"),
    [
        ("news-portal-utf8.html", "市商务局局长张卫东：十四五期间打造国际消费中心城市", (2021, 1, 12, 8, 30), "江城日报",
         "https://news.example-cj.cn/2021/01/12/content_88123456.html"),
        ("epaper-br-gbk.html", "杭州市经信局：到2025年数字经济核心产业增加值突破7000亿元", (2021, 1, 13, 0, 0), "",
         "http://epaper.example-zd.com/html/2021-01/13/content_2233.htm"),
        ("gov-table-gbk.html", "区发改局局长刘建国：今后五年建成三个千亿级产业集群", (2021, 1, 5, 0, 0), "某某日报",
         "http://fgw.example-city.gov.cn/art/2021/1/5/art_1229_1.html"),
        ("district-single-file.mhtml", "东西湖区区长：五年内建成网络安全人才与创新基地核心区", (2021, 1, 9, 16, 0),
         "东西湖区融媒体中心", "http://www.example-dxh.gov.cn/qzdt/202101/t20210109_1.shtml"),
    ],
)
def test_a_saved_page_parses_into_an_article_with_its_metadata(name, title, published, source, url):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from commitments.parsing import parse_article

    article = parse_article((PAGES / name).read_bytes(), filename=name)
    assert article.title == title
    assert article.published_at == datetime(*published, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert article.source == source and article.url == url
    assert article.format == ("mhtml" if name.endswith(".mhtml") else "html")
    assert article.departments and all(department.commitments for department in article.departments)
    for department in article.departments:
        for commitment in department.commitments:
            assert article.text[commitment.start : commitment.end] == commitment.text


TABLE_PAGE = """<html><head><meta charset="utf-8"><title>某市部门重点任务清单_某市人民政府</title></head><body>
<div class="content"><h1>某市部门重点任务清单</h1><p>发布时间：2024-02-27 09:15 来源：某市人民政府办公室</p>
<p>现将部分市直部门2024年重点任务摘录如下：</p>
<table><tr><th>部门</th><th>负责人</th><th>职务</th><th>重点任务</th></tr>
<tr><td>市发展和改革委员会</td><td>何振宇</td><td>党组书记、主任</td>
<td>1.谋划储备重大项目300个以上；<br>2.全年固定资产投资增长6%。</td></tr>
<tr><td>市经济和信息化局</td><td>罗晓岚</td><td>局长</td>
<td>新增规模以上工业企业120家；实施技术改造项目200个；新建5G基站3000个。</td></tr>
</table></div></body></html>"""


def test_a_table_of_units_heads_and_tasks_reads_row_by_row():
    source = read_source(TABLE_PAGE.encode("utf-8"), filename="tasks.html")
    assert "市发展和改革委员会 何振宇 党组书记、主任\n1.谋划储备重大项目300个以上；" in source.text
    article = parse_article(TABLE_PAGE.encode("utf-8"), filename="tasks.html")
    assert [(d.name, d.official.name, d.official.titles) for d in article.departments] == [
        ("市发展和改革委员会", "何振宇", ["党组书记", "主任"]), ("市经济和信息化局", "罗晓岚", ["局长"]),
    ]
    assert any("5G基站3000个" in c.text for c in article.departments[1].commitments)
