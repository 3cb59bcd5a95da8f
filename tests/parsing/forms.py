"""Checks shared by the tests of each layout: departments, commitments (recall and precision),
targets and baselines, goals, each against lists written by reading the article."""

from pathlib import Path

from commitments.parsing import parse_article

ARTICLES = Path(__file__).resolve().parent / "articles"

# The clauses of the reported-speech article (reported-wuhan.txt), which the traditional-
# character copy of it must give alike.
REPORTED_SPEECH_EXPECTED = {
    "市商务局": ["武汉将加快建设国际消费中心城市", "我们将打造10条特色商业步行街", "推进跨境电商综合试验区建设"],
    "市交通运输局": [
        "完善综合交通体系",
        "新增高速公路里程150公里",
        "推动城市轨道交通运营里程达到606公里",
        "新增A级物流企业50家",
        "开辟更多国际航线",
    ],
    "市地方金融工作局": [
        "大力引进各类金融机构",
        "新增上市公司30家",
        "要发展科技金融",
        "完善普惠金融服务体系",
        "加强金融风险监测预警",
    ],
    "江汉区": ["打造武汉中央商务区", "要深化“放管服”改革"],
}


def parse(name: str, **options):
    return parse_article((ARTICLES / name).read_bytes(), filename=name, **options)


def departments_of(article) -> list[tuple[str, str, list[str]]]:
    return [(d.name, d.official.name, d.official.titles) for d in article.departments]


def commitment_matches(article, expected: dict[str, list[str]]):
    """For each department, which expected clause each commitment holds.

    Returns (missing, extra, doubled): expected clauses in no commitment of their department,
    commitments holding no expected clause, expected clauses split over several commitments.
    """
    missing, extra, doubled = [], [], []
    for department in article.departments:
        clauses = expected.get(department.name, [])
        for clause in clauses:
            holders = [c for c in department.commitments if clause in c.text]
            if not holders:
                missing.append((department.name, clause))
            elif len(holders) > 1:
                doubled.append((department.name, clause))
        for commitment in department.commitments:
            if not any(clause in commitment.text for clause in clauses):
                extra.append((department.name, commitment.text))
    return missing, extra, doubled


def recall_precision(article, expected: dict[str, list[str]]) -> tuple[float, float]:
    missing, extra, _ = commitment_matches(article, expected)
    total = sum(len(clauses) for clauses in expected.values())
    found = sum(len(d.commitments) for d in article.departments)
    return (total - len(missing)) / total, (found - len(extra)) / found if found else 0.0


def all_commitments(article):
    return [c for d in article.departments for c in d.commitments]


def commitment_with(article, clause: str):
    (found,) = [c for c in all_commitments(article) if clause in c.text]
    return found


def targets_of(article, kind: str | None = None):
    return [
        (t.value, t.unit, t.year, t.kind)
        for c in all_commitments(article)
        for t in c.targets
        if kind is None or t.kind == kind
    ]


def goal_slugs(commitment) -> list[str]:
    return [goal.slug for goal in commitment.goals]
