"""Vocabularies to classify commitments by: themes, the five goals, plan words for jieba."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    name_en: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Goal:
    slug: str
    name: str
    name_en: str
    keywords: tuple[str, ...]


# Keywords are matched against jieba words and the words inside them (tokens.lexicon_words), so
# a keyword is a word: 人才 matches 人才培养 but not 个人才能.
THEMES = (
    Theme("employment", "就业", "Employment", ("就业", "创业", "失业")),
    Theme(
        "social-security",
        "社会保障",
        "Social security",
        ("社会保障", "社保", "养老保险", "失业保险", "工伤保险", "职业伤害", "养老", "救助", "低保"),
    ),
    Theme(
        "rural-revitalisation",
        "乡村振兴",
        "Rural revitalisation",
        ("乡村振兴", "乡村", "农村", "美丽乡村", "三乡工程", "小城镇"),
    ),
    Theme(
        "poverty-alleviation",
        "脱贫攻坚",
        "Poverty alleviation",
        ("脱贫攻坚", "脱贫", "扶贫", "返贫", "贫困", "减贫", "防贫", "帮扶", "对口支援", "低收入"),
    ),
    Theme(
        "market-regulation",
        "市场监管",
        "Market regulation",
        (
            "市场监管", "市场准入", "准入即准营", "商事登记", "证照分离", "公平竞争", "竞争政策",
            "不正当竞争", "消费维权", "质量安全", "质量强市", "质检", "质量基础设施", "包容审慎监管",
        ),
    ),
    Theme(
        "healthcare-security",
        "医疗保障",
        "Healthcare security",
        ("医疗保障", "医保", "医疗保险", "医疗救助", "医药服务", "健康保险", "病有所医"),
    ),
    Theme(
        "digital-government",
        "数字政府",
        "Digital government",
        ("数字政府", "智慧城市", "大数据", "城市大脑", "数据治理", "人工智能", "区块链", "电子化"),
    ),
    Theme(
        "government-services",
        "政务服务",
        "Government services",
        (
            "政务服务", "一网通办", "一窗通办", "一事联办", "全市通办", "跨市通办", "跨省通办",
            "秒批秒办", "接诉即办", "店小二", "服务窗口", "行风建设",
        ),
    ),
    Theme("audit", "审计", "Audit", ("审计",)),
    Theme(
        "urban-construction",
        "城市建设",
        "Urban construction",
        (
            "城市建设", "基础设施", "新基建", "轨道网", "道路网", "地下管网", "城市更新", "装配式建筑",
            "建筑工业化", "新型城镇化", "城市风貌", "城中村改造", "老旧小区", "旧城改造", "棚户区",
            "快速路", "污水管网", "人居环境",
        ),
    ),
    Theme(
        "culture-tourism",
        "文化旅游",
        "Culture and tourism",
        ("文化", "旅游", "文旅", "文艺", "戏曲", "文化遗产", "红色资源", "文化产业", "公共文化"),
    ),
    Theme("statistics", "统计", "Statistics", ("统计",)),
    Theme(
        "ecology",
        "生态环境",
        "Ecology and environment",
        (
            "生态环境", "生态", "绿色", "湿地", "森林", "绿化", "造林", "公园城市", "园林", "公园",
            "生态修复", "环境保护", "山水林田湖草",
        ),
    ),
    Theme("talent", "人才", "Talent", ("人才",)),
    Theme(
        "agriculture",
        "农业",
        "Agriculture",
        ("农业", "三农", "精致农业", "智慧农业", "品牌农业", "三业联动", "农产品", "种业"),
    ),
    Theme(
        "public-resources",
        "公共资源交易",
        "Public resources trading",
        ("公共资源交易", "招标投标", "招投标"),
    ),
    Theme(
        "business-environment", "营商环境", "Business environment", ("营商环境", "市场主体", "放管服")
    ),
    Theme(
        "industry",
        "产业发展",
        "Industry",
        (
            "产业", "制造业", "先进制造业", "战略性新兴产业", "现代服务业", "特色产业", "龙头企业", "工业",
            "重大项目", "招商引资", "数字经济", "产业园", "转型升级",
        ),
    ),
    Theme(
        "science-technology",
        "科技创新",
        "Science and technology",
        (
            "科技", "科研", "高科技", "知识产权", "研发", "科学城", "创新平台", "高新技术企业",
            "科技成果转化", "实验室",
        ),
    ),
    Theme(
        "state-assets", "国有资产", "State-owned assets", ("国有企业", "国企", "国有资本", "国有资产")
    ),
    Theme("public-finance", "财政", "Public finance", ("财政", "预算", "财政资金")),
    Theme(
        "public-services",
        "公共服务",
        "Public services",
        ("公共服务", "民生", "教育", "学校", "中小学", "幼儿园", "学位", "社区", "托育"),
    ),
    Theme(
        "health", "卫生健康", "Health", ("卫生", "公共卫生", "医疗", "医疗资源", "疾病预防", "卫生健康")
    ),
    Theme(
        "opening-up",
        "对外开放",
        "Opening up",
        (
            "对外开放", "友城", "外资", "外贸", "国际交往", "进出口", "开放型经济", "自贸区", "自贸试验区",
            "跨境电商", "外资企业", "国际航线", "国际组织", "领事馆", "综合保税区", "稳外贸", "稳外资",
        ),
    ),
    Theme(
        "regional-cooperation",
        "区域合作",
        "Regional cooperation",
        ("城市群", "区域合作", "都市圈", "对口合作", "一体化发展", "同城化"),
    ),
    Theme(
        "finance",
        "金融",
        "Finance",
        (
            "金融", "金融机构", "融资", "资本市场", "上市公司", "银行", "保险业", "基金", "股权投资",
            "普惠金融", "金融风险", "科技金融", "绿色金融", "贷款", "信贷",
        ),
    ),
    Theme(
        "logistics",
        "物流",
        "Logistics",
        ("物流", "多式联运", "供应链", "冷链", "快递", "物流枢纽", "港口", "航运", "中欧班列", "集装箱"),
    ),
    Theme(
        "commerce-trade",
        "商贸流通",
        "Commerce and trade",
        (
            "商贸", "消费", "商业", "电子商务", "电商", "零售", "会展", "步行街", "商圈", "夜经济", "首店",
            "批发", "商业街区", "消费中心",
        ),
    ),
    Theme(
        "transport",
        "交通",
        "Transport",
        (
            "交通", "轨道交通", "地铁", "公交", "高速公路", "铁路", "机场", "综合交通", "交通枢纽", "路网",
            "桥梁", "高铁", "城际铁路", "停车",
        ),
    ),
    # The last resort for a commitment whose block names no theme at all: see tokens.assign_themes.
    Theme("general", "综合", "General", ()),
)

# A goal is served by its specific words; the generic ones (GENERIC_GOAL_WORDS) link a commitment
# only when two of them meet (人才 alone is in poverty relief as in research; 创新 alone in market
# access as in science), so that a link's evidence names what the goal is about.
GOALS = (
    Goal(
        "economy",
        "全国经济中心",
        "National Economic Centre",
        (
            "产业", "制造业", "先进制造业", "战略性新兴产业", "特色产业", "文化产业", "现代服务业",
            "市场主体", "营商环境", "地区生产总值", "实体经济", "龙头企业", "民营经济", "产业链",
            "产业集群", "数字经济", "总部经济", "招商引资", "光芯屏端网", "工业投资", "产业园",
            "转型升级", "专精特新", "小巨人", "世界500强", "中国车谷", "中央商务区", "产业规模",
            "产值", "规上工业", "规模以上工业", "工业产值", "工业增加值",
            "总部企业", "企业", "引进",
        ),
    ),
    Goal(
        "innovation",
        "国家科技创新中心",
        "National Science & Technology Innovation Centre",
        (
            "科技", "创新", "人才", "知识产权", "科研", "高科技", "研发", "科技成果转化", "成果转化",
            "东湖科学城", "光谷科创大走廊", "高新技术企业", "科技型企业", "实验室", "科创", "独角兽",
            "创新平台", "大科学装置", "基础研究", "技术攻关", "科技成果", "青年人才", "人才引进",
            "引才", "大学生", "科技园", "大学科技园", "创新经济带", "校友产业园",
        ),
    ),
    Goal(
        "trade-logistics",
        "国家商贸物流中心",
        "National Commerce & Logistics Centre",
        (
            "物流", "商贸", "消费", "电子商务", "交通枢纽", "物流枢纽", "会展", "商业街区", "多式联运",
            "供应链", "冷链", "港口", "航运", "中欧班列", "快递", "步行街", "商圈", "夜经济", "首店",
            "消费中心", "集装箱",
        ),
    ),
    # 开放 alone is left out: 数据开放 and 统一开放的市场 are not about the world.
    Goal(
        "international",
        "国际交往中心",
        "International Exchange Centre",
        (
            "国际", "对外开放", "友城", "外资", "外贸", "进出口", "国际化", "国际交往", "自贸区",
            "自贸试验区", "跨境电商", "国际航线", "国际组织", "领事馆", "综合保税区", "开放型经济",
        ),
    ),
    # Insurance by itself would pull in 养老保险: only commercial insurance is finance.
    Goal(
        "finance",
        "区域金融中心",
        "Regional Financial Centre",
        (
            "金融", "资本", "上市", "融资", "保险业", "商业保险", "商业性保险", "商业健康保险",
            "金融机构", "资本市场", "上市公司", "股权投资", "科技金融", "绿色金融", "普惠金融", "银行",
            "企业上市", "基金", "金融业", "金融中心", "金融集聚区",
        ),
    ),
)
GENERIC_GOAL_WORDS = frozenset(
    {"产业", "科技", "创新", "人才", "高科技", "国际", "资本", "上市", "企业", "引进", "产值"}
)

# Plan vocabulary jieba must keep whole; every keyword above is added to it too.
# Five-year plans and their last year: 十四五期间 / “十四五”末 → 2025.
PLAN_PERIODS = {"十三五": 2020, "十四五": 2025, "十五五": 2030}

PLAN_WORDS = (
    "乡村振兴", "营商环境", "一网通办", "五个中心", "数字政府", "新基建", "脱贫攻坚", "智慧城市",
    "知识产权", "公园城市", "十四五", "八大战略", "三个环境", "五化统计", "全覆盖", "新发展格局",
    "新发展理念", "现代化大武汉", "双随机", "一公开", "人才活力之城",
)
