"""More articles, written after the parser and run on it unseen before these tests: a press
conference (副市长, 局长, a 街道 secretary), speaker lines with headlines in Hangzhou, a Wuhan
article cut short mid-sentence, a 问/答 interview named in the title, a news agency's provincial
round-up (names between spaces), and a district's WeChat post."""

import pytest

from .forms import (
    all_commitments,
    commitment_matches,
    departments_of,
    parse,
    targets_of,
)

CASES = {
    "press-conference-nanjing.txt": (
        "南京",
        [
            ("南京市", "刘军", ["副市长"]),
            ("南京市交通运输局", "赵建平", ["党委书记", "局长"]),
            ("玄武区梅园新村街道", "孙莉", ["党工委书记"]),
        ],
        {
            "南京市": ["南京将全力建设具有全球影响力的创新名城", "实施高新技术企业培育“筑巢”计划"],
            "南京市交通运输局": [
                "南京将加快建设长三角综合交通枢纽",
                "新建高速公路120公里",
                "新开通地铁线路5条",
                "禄口机场三期工程将开工建设",
            ],
            "玄武区梅园新村街道": ["街道将推进老旧小区改造"],
        },
        ["新闻发布会", "从1300家增长到6500家", "完成交通投资410亿元", "据悉", "刘军说"],
    ),
    "speaker-lines-hangzhou.txt": (
        "杭州",
        [
            ("杭州市商务局", "王晓东", ["党组书记", "局长"]),
            ("杭州市医疗保障局", "陈红", ["局长"]),
            ("杭州市园林文物局", "李勇", ["局长"]),
        ],
        {
            "杭州市商务局": ["我们将实施消费提振行动", "跨境电商进出口额突破1200亿元"],
            "杭州市医疗保障局": ["全面推行医保电子凭证", "推进DRG支付方式改革"],
            "杭州市园林文物局": ["我们要加强西湖和大运河世界文化遗产保护"],
        },
        ["编者按", "达1084亿元", "整理"],
    ),
    "reported-truncated-wuhan.txt": (
        "武汉",
        [("市经济和信息化局", "龚建新", ["党组书记", "局长"])],
        {
            "市经济和信息化局": [
                "武汉将建成“光芯屏端网”万亿级产业集群",
                "新增国家级专精特新“小巨人”企业100家",
                "明年将实施工业技改提能行动",
                "同时加快建设5G基站",
                "市经信局将持续优化营商环境",
            ]
        },
        ["接受记者采访", "突破3000家", "制造业是武汉的根基"],
    ),
    "qa-chengdu.txt": (
        "成都",
        [("成都市交通运输局", "刘毅", ["党组书记", "局长"])],
        {
            "成都市交通运输局": [
                "我们将加快构建“轨道+公交+慢行”三网融合的绿色交通体系",
                "我们要推进成渝地区双城经济圈交通一体化",
                "明年将新增公交专用道100公里",
                "新建停车泊位5万个",
            ]
        },
        ["重点是什么", "取得了哪些进展", "运营里程达到558公里", "还有哪些新举措", "答："],
    ),
    "agency-province-hubei.txt": (
        "武汉",  # the dateline's city (新华社武汉…电)
        [
            ("湖北省发展和改革委员会", "王建国", ["主任"]),
            ("湖北省交通运输厅", "朱汉桥", ["厅长"]),
            ("湖北省商务厅", "秦军", ["厅长"]),
        ],
        {
            "湖北省发展和改革委员会": [
                "湖北将加快建设全国构建新发展格局先行区",
                "湖北将实施“51020”现代产业集群培育工程",
                "同时推进武汉城市圈同城化发展",
            ],
            "湖北省交通运输厅": ["全省将新增高速公路1500公里"],
            "湖北省商务厅": ["我们将推动中欧班列（武汉）扩量提质", "湖北还将加快自贸试验区建设"],
        },
        ["经济总量为4.34万亿元", "打造内陆开放新高地", "（完）", "秦军说"],
    ),
    "wechat-district-qingshan.txt": (
        "武汉",
        [("青山区", "彭浩", ["区委书记"])],
        {
            "青山区": [
                "青山要坚定不移推进绿色转型",
                "要推动钢铁、石化等传统产业高端化、智能化、绿色化改造",
                "明年全区将新改建学校6所",
                "新增学位5000个",
                "启动老旧小区改造40个",
            ]
        },
        ["区委全会", "会议要求", "民生实事\n", "作了讲话"],
    ),
    "reported-county-hunan.txt": (
        None,  # a county named without its city
        [("宁远县", "欧阳斌", ["县委书记"])],
        {
            "宁远县": [
                "宁远将坚持工业强县",
                "宁远将加快九嶷山舜帝陵文化旅游区提质升级",
                "明年宁远将新增城镇就业岗位两万个",
                "新建和改扩建农村公路三百公里",
                "县里将推进县城污水处理厂提标改造",
            ]
        },
        ["地区生产总值增长4.1%", "图为", "接受记者采访", "欧阳斌说", "李小军还表示"],
    ),
    "speech-headline-districts-wuhan.txt": (
        "武汉",
        [
            ("硚口区", "汤文", ["区委副书记", "区长"]),
            ("洪山区", "钱晓波", ["区委副书记", "区长"]),
            ("汉阳区", "刘国华", ["区委副书记", "区长"]),
        ],
        {
            "硚口区": ["硚口将加快汉正街中央服务区建设", "我们还将推进汉江湾国际商务区建设"],
            "洪山区": ["洪山区将深化与高校院所合作", "推动科技成果转化项目落地100个", "新建众创空间10家"],
            "汉阳区": ["汉阳将新建口袋公园20个", "改造老旧小区120个", "新增停车泊位5000个"],
        },
        ["新增高新技术企业800余家", "请他们谈谈", "整理"],
    ),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    return parse(request.param), CASES[request.param]


def test_city_departments_officials_titles(case):
    article, (city, departments, _, _) = case
    assert article.city == city
    assert departments_of(article) == departments


def test_commitments_recall_and_precision(case):
    article, (_, _, expected, not_commitments) = case
    assert commitment_matches(article, expected) == ([], [], [])
    for words in not_commitments:
        assert not [c.text for c in all_commitments(article) if words in c.text]


def test_goals_only_in_wuhan(case):
    article, (city, *_) = case
    if city != "武汉":
        assert all(c.goals == [] for c in all_commitments(article))
    else:
        assert any(c.goals for c in all_commitments(article))


def test_chinese_numerals_and_this_year():
    county = parse("reported-county-hunan.txt")
    assert (20000.0, "个", 2022, "quantity") in targets_of(county)  # 两万个, 明年
    assert (300.0, "公里", 2022, "quantity") in targets_of(county)  # 三百公里
    assert (95.0, "%", 2022, "quantity") in targets_of(county)  # 百分之九十五
    assert (4.1, "%", 2020, "baseline") in targets_of(county, "baseline")
    districts = parse("speech-headline-districts-wuhan.txt")
    first = districts.departments[0].commitments[0]
    assert [(t.text, t.year) for t in first.targets if t.kind == "deadline"] == [("今年", 2021)]
    assert [d.headline for d in districts.departments] == [
        "建设“国际化消费新城”", "打造科教创新高地", "让“知音汉阳”更有温度"
    ]


def test_baselines_and_the_cut():
    nanjing = parse("press-conference-nanjing.txt")
    assert (410.0, "亿元", 2020, "baseline") in targets_of(nanjing, "baseline")
    assert (120.0, "公里", 2026, "quantity") in targets_of(nanjing)
    chengdu = parse("qa-chengdu.txt")
    assert (558.0, "公里", 2020, "baseline") in targets_of(chengdu, "baseline")
    assert (800.0, "公里", 2025, "quantity") in targets_of(chengdu)
    cut = parse("reported-truncated-wuhan.txt")
    (warning,) = cut.warnings
    assert "为企业" in warning and "line 15" in warning
    hangzhou = parse("speaker-lines-hangzhou.txt")
    assert [d.headline for d in hangzhou.departments] == [
        "打造国际消费中心城市", "让群众看病更省心", "守护好西湖文化遗产"
    ]
    assert (1084.0, "亿元", 2020, "baseline") in targets_of(hangzhou, "baseline")
