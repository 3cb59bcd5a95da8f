"""The one error the parser raises for input it cannot read as an article."""


class ArticleParseError(ValueError):
    """The input is not an article of this genre; the message names the line and the problem."""
