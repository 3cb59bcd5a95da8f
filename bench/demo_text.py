"""Synthetic articles of the genre: department heads stating their plans, built from plan vocabulary.

Plain Python, no Django imports: a seeded random.Random in, texts and the spans of what they say out.
"""

import datetime
from dataclasses import dataclass, field

CITY_DEPARTMENTS = [
    ("市发展和改革委员会", "市发改委"), ("市教育局", ""), ("市科学技术局", "市科技局"),
    ("市经济和信息化局", "市经信局"), ("市公安局", ""), ("市民政局", ""), ("市司法局", ""),
    ("市财政局", ""), ("市人力资源和社会保障局", "市人社局"),
    ("市自然资源和规划局", "市资规局"), ("市生态环境局", ""), ("市住房保障和房屋管理局", "市住房局"),
    ("市城乡建设局", "市城建局"), ("市城市管理执法委员会", "市城管委"), ("市交通运输局", "市交通局"),
    ("市水务局", ""), ("市农业农村局", ""), ("市商务局", ""), ("市文化和旅游局", "市文旅局"),
    ("市卫生健康委员会", "市卫健委"), ("市退役军人事务局", "市退役军人局"),
    ("市应急管理局", "市应急局"), ("市审计局", ""), ("市人民政府外事办公室", "市外办"),
    ("市人民政府国有资产监督管理委员会", "市国资委"), ("市市场监督管理局", "市市场监管局"),
    ("市体育局", ""), ("市统计局", ""), ("市园林和林业局", "市园林局"), ("市医疗保障局", "市医保局"),
    ("市政务服务和大数据管理局", "市政务服务大数据局"), ("市地方金融工作局", "市金融局"),
    ("市扶贫办", ""), ("市招商局", ""), ("市民族宗教事务委员会", "市民宗委"),
    ("市人民防空办公室", "市人防办"), ("市信访局", ""), ("市机关事务管理局", "市机关事务局"),
    ("市粮食和物资储备局", "市粮食局"), ("市知识产权局", ""), ("市口岸和物流发展局", "市口岸物流局"),
]
DISTRICTS = [
    "江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区", "东西湖区", "汉南区",
    "蔡甸区", "江夏区", "黄陂区", "新洲区",
]
DISTRICT_BUREAUS = [
    "发展和改革局", "教育局", "科学技术和经济信息化局", "民政局", "财政局", "人力资源局",
    "城乡建设局", "城市管理执法局", "农业农村局", "商务局", "文化和旅游局", "卫生健康局",
    "应急管理局", "审计局", "市场监督管理局", "统计局", "园林局", "医疗保障局", "政务服务和大数据管理局",
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔向汤"
)
GIVEN = "志军平华明涛力强伟勇杰斌辉建国红敏静丽芳燕文新春海波宁东兵林峰刚健俊磊洋鹏宇晓云玲霞萍英娟荣忠德胜先贵生相劲"

# Every phrase is a tuple of words: the text joins them, the search tokens list them.
VERBS = [
    ("加快",), ("深入", "推进"), ("全面", "提升"), ("持续", "优化"), ("大力", "实施"), ("健全", "完善"),
    ("积极", "探索"), ("着力", "打造"), ("统筹", "推进"), ("不断", "强化"), ("稳步", "推进"), ("深化",),
    ("构建",), ("加强",),
]
NOUNS = [
    ("体系",), ("机制",), ("工程",), ("专项", "行动"), ("试点",), ("平台",), ("改革",), ("示范区",),
    ("服务", "能力"), ("治理", "水平"), ("政策", "体系"), ("标准化", "建设"), ("长效", "机制"),
]
OPENERS = [
    ("坚持", "问题", "导向"), ("聚焦", "群众", "急难愁盼"), ("对标", "一流", "城市"), ("立足", "新", "发展", "阶段"),
    ("坚持", "系统", "观念"), ("着眼", "五个中心", "建设"), ("紧扣", "高质量", "发展"),
]
CLOSERS = [
    ("形成", "可", "复制", "可", "推广", "的", "经验"), ("让", "群众", "有", "更多", "获得感"),
    ("为", "建设", "现代化", "大武汉", "贡献", "力量"), ("确保", "各项", "任务", "落地", "见效"),
    ("推动", "工作", "走在", "全国", "前列"),
]
METRICS = [
    (("新增", "城镇", "就业"), "万人", 10, 30), (("高新技术", "企业", "数量"), "家", 3000, 8000),
    (("新建", "公园"), "个", 50, 300), (("政务服务", "事项", "网上", "可办率"), "%", 90, 100),
    (("市场主体", "总量"), "万户", 150, 250), (("年", "接待", "游客"), "万人次", 2000, 30000),
    (("城市", "绿化", "覆盖率"), "%", 40, 45), (("改造", "老旧小区"), "个", 100, 900),
]
HEADLINES = [
    "全面推进{kw}高质量发展", "奋力打造{kw}的“武汉样板”", "以{kw}助力“五个中心”建设",
    "在{kw}上展现新作为", "为建设现代化大武汉尽职尽责、善作善成",
]


@dataclass
class Speaker:
    department: str
    titles: list
    official: str

    @property
    def line(self):
        return f"{self.department}{'、'.join(self.titles)}{self.official}:"


@dataclass
class TargetDraft:
    text: str
    kind: str
    value: object
    unit: str
    year: int
    start: int = 0
    end: int = 0


@dataclass
class CommitmentDraft:
    title: str
    text: str
    tokens: str
    themes: list
    goals: dict  # goal slug -> the keywords that link it
    targets: list
    start: int = 0
    end: int = 0


@dataclass
class StatementDraft:
    speaker: Speaker
    headline: str
    commitments: list = field(default_factory=list)


@dataclass
class ArticleDraft:
    title: str
    published_at: datetime.datetime
    editor: str
    reporters: list
    correspondents: list
    statements: list
    text: str = ""


class Vocabulary:
    """The keywords of themes and goals that commitments are written from."""

    def __init__(self, themes, goals):
        self.themes = [(slug, [tuple(k.split()) for k in keywords]) for slug, keywords in themes if keywords]
        self.goals = [(slug, [(k,) for k in keywords]) for slug, keywords in goals if keywords]


def department_names():
    """City departments, then district bureaus, then numbered task forces: an endless sequence."""
    for name, alias in CITY_DEPARTMENTS:
        yield name, [alias] if alias else []
    for bureau in DISTRICT_BUREAUS:
        for district in DISTRICTS:
            yield f"{district}{bureau}", []
    number = 1
    while True:
        yield f"市重点项目第{number}工作专班", []
        number += 1


def titles_for(department):
    if department.endswith("专班"):
        return ["组长"]
    if department.endswith("公安局"):
        return ["党委书记", "局长"]
    if department.endswith(("委员会", "办公室", "办")):
        return ["党组书记", "主任"]
    return ["党组书记", "局长"]


def person_name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))


def join(words):
    return "".join(words)


def tokens_of(words):
    """Words as jieba's search mode would give them: four-character terms also in halves."""
    tokens = []
    for word in words:
        if len(word) == 4:
            tokens += [word[:2], word[2:]]
        tokens.append(word)
    return tokens


def compose_commitment(rng, vocab, year):
    """One commitment paragraph: a heading sentence, clauses on its themes and goals, maybe a target.

    Target offsets are relative to the paragraph; compose_article moves them into the article.
    """
    themes = rng.sample(vocab.themes, k=min(len(vocab.themes), rng.choice((1, 1, 2))))
    goals = rng.sample(vocab.goals, k=min(len(vocab.goals), rng.choice((0, 1, 1, 2))))
    heading = rng.choice(VERBS) + rng.choice(themes[0][1]) + rng.choice(NOUNS)
    clauses = [rng.choice(OPENERS)]
    clauses += [rng.choice(VERBS) + rng.choice(keywords) + rng.choice(NOUNS) for _, keywords in themes]
    linked = {}
    for slug, keywords in goals:
        keyword = rng.choice(keywords)
        linked[slug] = list(keyword)
        clauses.append(("围绕",) + keyword + ("发展", ",") + rng.choice(VERBS) + keyword + rng.choice(NOUNS))
    words = list(heading) + ["。"]
    for clause in clauses:
        words += list(clause) + [","]
    words[-1] = "。"
    targets = []
    if rng.random() < 0.35:
        target_words, target = compose_target(rng, themes[0][1], year)
        target.start = len(join(words))
        target.end = target.start + len(target.text)
        words += target_words + ["。"]
        targets.append(target)
    words += list(rng.choice(CLOSERS)) + ["。"]
    return CommitmentDraft(
        title=join(heading),
        text=join(words),
        tokens=" ".join(dict.fromkeys(tokens_of(w for w in words if w not in ",。"))),
        themes=[slug for slug, _ in themes],
        goals=linked,
        targets=targets,
    )


def compose_target(rng, keywords, year):
    """A quantity by the plan's end or a deadline year; the target's text opens the returned words."""
    if rng.random() < 0.6:
        metric, unit, low, high = rng.choice(METRICS)
        value = rng.randint(low, high)
        words = ["到", "2025", "年", ","] + list(metric) + ["达到", str(value), unit]
        return words, TargetDraft(join(words), "quantity", value, unit, 2025)
    deadline = rng.randint(max(year, 2021), 2025)
    head = [str(deadline), "年底前"]
    words = head + list(rng.choice(VERBS) + rng.choice(keywords) + rng.choice(NOUNS))
    return words, TargetDraft(join(head), "deadline", None, "", deadline)


def compose_headline(rng, vocab):
    keyword = join(rng.choice(rng.choice(vocab.themes)[1]))
    return rng.choice(HEADLINES).format(kw=keyword)


def compose_article(rng, vocab, number, published_at, speakers_with_counts):
    """An article in the genre's layout; fills in the offsets of every commitment and target."""
    phrase = rng.choice(["乘风破浪", "奋勇争先", "砥砺前行", "担当作为", "勇挑重担"])
    draft = ArticleDraft(
        title=f"在建设现代化大武汉新征程中{phrase}——贯彻落实市委全会精神谈发展({number})",
        published_at=published_at,
        editor=person_name(rng),
        reporters=[person_name(rng) for _ in range(rng.randint(2, 6))],
        correspondents=[person_name(rng) for _ in range(rng.randint(0, 4))],
        statements=[],
    )
    parts = [
        "展开频道 收起频道\n\n", draft.title, "\n\n新闻中心 > 武汉\n\n",
        f"{published_at:%Y-%m-%d %H:%M} 来源: 长江网\n【字体:\n\n",
        f"  围绕“十四五”发展蓝图,全市各部门贯彻落实市委全会精神,以实干笃定前行,"
        f"在全面建设社会主义现代化大武汉的新征程中{phrase}。\n\n",
    ]
    length = sum(len(p) for p in parts)

    def add(paragraph):
        nonlocal length
        start = length + 2
        parts.append(f"  {paragraph}\n\n")
        length += len(parts[-1])
        return start

    for speaker, count in speakers_with_counts:
        statement = StatementDraft(speaker, compose_headline(rng, vocab))
        add(speaker.line)
        add(statement.headline)
        add(f"{speaker.department.removeprefix('市')}将认真学习贯彻全会精神,找准坐标、高点定位,"
            "在围绕中心服务大局中扛起新担当、展现新作为。")
        for _ in range(count):
            commitment = compose_commitment(rng, vocab, published_at.year)
            commitment.start = add(commitment.text)
            commitment.end = commitment.start + len(commitment.text)
            for target in commitment.targets:
                target.start += commitment.start
                target.end += commitment.start
            statement.commitments.append(commitment)
        draft.statements.append(statement)
    credits = "记者" + " ".join(draft.reporters)
    if draft.correspondents:
        credits += " 通讯员" + " ".join(draft.correspondents)
    add(f"({credits})")
    add(f"【编辑:{draft.editor}】")
    parts.append("一周热门")
    draft.text = "".join(parts)
    return draft


def genre_article(rng, vocab, number, published_at):
    """A whole article as an importer would receive it: ten or so city departments speaking."""
    speakers = [
        (Speaker(name, titles_for(name), person_name(rng)), rng.randint(3, 6))
        for name, _ in rng.sample(CITY_DEPARTMENTS, k=rng.randint(8, 12))
    ]
    return compose_article(rng, vocab, number, published_at, speakers).text
