"""Generated dashboard data: departments × commitments with themes, goals, targets and updates.

`make_dashboard()` builds a small, fully linked dataset; `grow()` multiplies it, so that page tests
can check that the number of queries does not follow the data.
"""

import datetime
import hashlib
import itertools
from dataclasses import dataclass, field
from importlib import import_module
from typing import NamedTuple

from django.apps import apps as django_apps
from simple_history.utils import bulk_create_with_history

from commitments.models import (
    PLAN_END,
    Article,
    Commitment,
    CommitmentGoal,
    Goal,
    Plan,
    StatusUpdate,
    Target,
    Theme,
)
from commitments.search import tokenize
from commitments.status import Status
from departments.models import Department, Official
from pagecache import changes

_sequence = itertools.count(1)

# phrase, theme slug, goal slug, the goal's keywords found in the phrase
VOCABULARY = [
    ("推进乡村振兴，发展特色产业", "gen-rural", "economy", ["产业"]),
    ("建设数字政府，加强科技创新", "gen-digital", "innovation", ["科技", "创新"]),
    ("优化营商环境，服务市场主体", "gen-business", "economy", ["营商环境", "市场主体"]),
    ("扩大对外开放，吸引外资落户", "gen-opening", "international", ["开放", "外资"]),
    ("发展现代物流，促进消费升级", "gen-logistics", "trade-logistics", ["物流", "消费"]),
    ("深化金融改革，支持企业上市", "gen-finance", "finance", ["金融", "上市"]),
]
THEMES = {
    "gen-rural": ("乡村振兴", "Rural revitalisation"),
    "gen-digital": ("数字政府", "Digital government"),
    "gen-business": ("营商环境", "Business environment"),
    "gen-opening": ("对外开放", "Opening up"),
    "gen-logistics": ("商贸物流", "Commerce and logistics"),
    "gen-finance": ("金融", "Finance"),
}
# The history each commitment gets, by position: (status, progress, reported_on) oldest first.
# Seven histories against six phrases, so that themes and statuses vary independently.
# Every third commitment is due after the plan, so that not every open one is red: amber when
# silent for long, green when reported lately (or just imported).
LATER_DUE = datetime.date(2030, 12, 31)
HISTORIES = [
    [],
    [(Status.IN_PROGRESS, 30, datetime.date(2022, 3, 1))],
    [
        (Status.IN_PROGRESS, 40, datetime.date(2022, 6, 1)),
        (Status.DONE, 100, datetime.date(2024, 12, 1)),
    ],
    [(Status.STALLED, 10, datetime.date(2023, 1, 15))],
    [
        (Status.NOT_STARTED, 0, datetime.date(2021, 5, 1)),
        (Status.PARTIAL, 60, datetime.date(2025, 6, 30)),
    ],
    [(Status.ABANDONED, 5, datetime.date(2025, 11, 1))],
    [(Status.IN_PROGRESS, 70, datetime.date(2025, 9, 1))],
]


@dataclass
class Dashboard:
    departments: list = field(default_factory=list)
    commitments: list = field(default_factory=list)
    themes: dict = field(default_factory=dict)
    goals: dict = field(default_factory=dict)


def make_dashboard(departments=4, per_department=5):
    dashboard = _vocabulary()
    dashboard.departments = [_department() for _ in range(departments)]
    _add_commitments(dashboard, dashboard.departments, per_department)
    return dashboard


def stored_dashboard():
    """The data already stored (say, the imported article), for grow() to multiply."""
    dashboard = _vocabulary()
    dashboard.departments = list(Department.objects.all())
    dashboard.commitments = list(Commitment.objects.all())
    return dashboard


def _vocabulary():
    return Dashboard(
        themes={slug: _theme(slug, order) for order, slug in enumerate(THEMES, start=1)},
        goals=_goals(),
    )


def _goals():
    """The goals of the data migration: a transactional test's flush removes them, so restore them."""
    import_module("commitments.migrations.0002_create_goals").create_goals(django_apps, None)
    return {goal.slug: goal for goal in Goal.objects.all()}


def grow(dashboard, times=10):
    """Make the data `times` as large: more commitments in every department, and more departments."""
    per_department = len(dashboard.commitments) // len(dashboard.departments)
    new_departments = [_department() for _ in range((times - 1) * len(dashboard.departments))]
    _add_commitments(dashboard, dashboard.departments, (times - 1) * per_department)
    _add_commitments(dashboard, new_departments, per_department)
    dashboard.departments += new_departments
    return dashboard


def _theme(slug, order):
    name, name_en = THEMES[slug]
    theme, _ = Theme.objects.get_or_create(
        slug=slug, defaults={"name": name, "name_en": name_en, "order": 100 + order}
    )
    return theme


def _department():
    n = next(_sequence)
    department = Department.objects.create(name=f"市生成{n}局", aliases=[f"生成{n}局"], order=n)
    Official.objects.create(department=department, name=f"李{n}", titles=["党组书记", "局长"])
    return department


class _Planned(NamedTuple):
    """A commitment to generate: who says it, its sentence at `start` in the article, and what
    it is about."""

    department: Department
    official: Official
    n: int
    sentence: str
    target: str
    start: int
    theme: str
    goal: str
    keywords: list


def _add_commitments(dashboard, departments, per_department):
    """One article holding the text of every new commitment, then its rows, each kind in one
    bulk write (the commitments with their history rows, as simple-history's helper writes them).

    The data version and the tallies change once at the end, as after an import, not for every row.
    """
    planned, text = [], ""
    for department in departments:
        text += f"{department.name}局长：\n"
        official = department.officials.first()
        for _ in range(per_department):
            n = next(_sequence)
            phrase, theme, goal, keywords = VOCABULARY[n % len(VOCABULARY)]
            target = f"到2025年建成{n}个示范点" if n % 2 else ""
            sentence = f"{phrase}{target}。"
            planned.append(
                _Planned(department, official, n, sentence, target, len(text), theme, goal, keywords)
            )
            text += sentence + "\n"
    with changes.batch():
        article = Article.objects.create(
            title=f"生成文章{next(_sequence)}",
            source="测试",
            # Of the plan every stored article spoke of before the 十五五 began.
            plan=Plan.objects.filter(slug="wuhan-14th").first(),
            text=text,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        commitments = bulk_create_with_history(
            [_commitment(article, plan) for plan in planned], Commitment
        )
        pairs = list(zip(commitments, planned))
        Commitment.themes.through.objects.bulk_create(
            Commitment.themes.through(commitment=c, theme=dashboard.themes[plan.theme])
            for c, plan in pairs
        )
        CommitmentGoal.objects.bulk_create(
            CommitmentGoal(commitment=c, goal=dashboard.goals[plan.goal], keywords=plan.keywords)
            for c, plan in pairs
        )
        Target.objects.bulk_create(_target(c, plan) for c, plan in pairs if plan.target)
        StatusUpdate.objects.bulk_create(
            update for commitment in commitments for update in _updates(commitment)
        )
    dashboard.commitments += commitments


def _history(n):
    return HISTORIES[n % len(HISTORIES)]


def _commitment(article, plan):
    history = _history(plan.n)
    status, progress, reported_on = history[-1] if history else (Status.NOT_RATED, 0, None)
    return Commitment(
        department=plan.department,
        official=plan.official,
        article=article,
        order=plan.n,
        title=plan.sentence.split("，")[0],
        text=plan.sentence,
        source_start=plan.start,
        source_end=plan.start + len(plan.sentence),
        search_tokens=" ".join(tokenize(plan.sentence)),
        status=status,
        progress=progress,
        last_reported_on=reported_on,
        due_date=LATER_DUE if plan.n % 3 == 0 else PLAN_END,
    )


def _target(commitment, plan):
    offset = plan.start + plan.sentence.index(plan.target)
    return Target(
        commitment=commitment,
        text=plan.target,
        kind=Target.Kind.QUANTITY,
        value=plan.n,
        unit="个",
        year=2025,
        source_start=offset,
        source_end=offset + len(plan.target),
    )


def _updates(commitment):
    return [
        StatusUpdate(
            commitment=commitment,
            status=status,
            progress=progress,
            reported_on=reported_on,
            note=f"第{index}次报告",
        )
        for index, (status, progress, reported_on) in enumerate(_history(commitment.order), start=1)
    ]
