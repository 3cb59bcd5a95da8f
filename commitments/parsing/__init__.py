"""Parse a news article of officials' plan commitments (any city, several layouts) into dataclasses.

Plain Python: nothing here imports Django. jieba loads on the first parse, not on import.
"""

from .errors import ArticleParseError
from .lexicons import GOALS, THEMES, Goal, Theme
from .models import (
    GoalMatch,
    ParsedArticle,
    ParsedCommitment,
    ParsedDepartment,
    ParsedOfficial,
    ParsedTarget,
)
from .parser import ArticleTooLarge, parse_article
from .tokens import search_tokens

__all__ = [
    "GOALS",
    "THEMES",
    "ArticleParseError",
    "ArticleTooLarge",
    "Goal",
    "GoalMatch",
    "ParsedArticle",
    "ParsedCommitment",
    "ParsedDepartment",
    "ParsedOfficial",
    "ParsedTarget",
    "Theme",
    "parse_article",
    "search_tokens",
]
