"""The dataclasses a parse returns, and the article's JSON form."""

from dataclasses import dataclass, field
from datetime import datetime

from .lexicons import GOALS

_GOAL_NAMES = {goal.slug: goal.name for goal in GOALS}


@dataclass
class ParsedTarget:
    text: str
    start: int
    end: int
    value: float | None
    unit: str | None
    year: int | None
    kind: str  # "quantity", "deadline" or "baseline" (a past figure, never a target)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "year": self.year,
            "kind": self.kind,
        }


@dataclass
class GoalMatch:
    slug: str
    keywords: list[str]


@dataclass
class ParsedCommitment:
    title: str
    text: str
    start: int
    end: int
    themes: list[str]
    goals: list[GoalMatch]
    targets: list[ParsedTarget]
    search_tokens: str
    # The name of the official who said it: one of its department's ``officials``.
    official: str = ""

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "text": self.text,
            "span": [self.start, self.end],
            "themes": self.themes,
            "goals": [_GOAL_NAMES[goal.slug] for goal in self.goals],
            "targets": [target.to_dict() for target in self.targets],
            "official": self.official,
        }


@dataclass
class ParsedOfficial:
    name: str
    titles: list[str]


@dataclass
class ParsedDepartment:
    name: str
    aliases: list[str]
    official: ParsedOfficial
    headline: str
    headline_start: int
    headline_end: int
    commitments: list[ParsedCommitment]
    # One department per unit: when two officials of one unit speak (区委书记 and 区长, 市长 and
    # 副市长), the unit is one department whose ``official`` is the first to speak, and
    # ``officials`` lists every one in order of speaking; each commitment names its own speaker.
    officials: list[ParsedOfficial] = field(default_factory=list)

    def __post_init__(self):
        if not self.officials:
            self.officials = [self.official]

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "aliases": self.aliases,
            "official": {"name": self.official.name, "titles": self.official.titles},
            "officials": [
                {"name": official.name, "titles": official.titles} for official in self.officials
            ],
            "headline": self.headline,
            "commitments": [commitment.to_dict() for commitment in self.commitments],
        }


@dataclass
class ParsedArticle:
    title: str
    published_at: datetime | None
    source: str
    editor: str
    reporters: list[str]
    correspondents: list[str]
    text: str
    departments: list[ParsedDepartment]
    # Every role of the closing credits by name (记者, 通讯员, 统筹 …), reporters included.
    credits: dict[str, list[str]] = field(default_factory=dict)
    url: str | None = None
    # The city the article is about (武汉, 杭州 …), read from it or given; None when unknown.
    city: str | None = None
    format: str = "text"
    # Sentences on what the parse had to guess or leave out (a text cut short …).
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "article": {
                "title": self.title,
                "published_at": self.published_at.isoformat() if self.published_at else None,
                "source": self.source,
                "editor": self.editor,
                "reporters": self.reporters,
                "url": self.url,
                "city": self.city,
                "format": self.format,
            },
            "warnings": self.warnings,
            "departments": [department.to_dict() for department in self.departments],
        }
