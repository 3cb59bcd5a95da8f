"""Shared fixtures: the source article, imported once per test that needs it."""

from pathlib import Path

import pytest
from django.core.management import call_command

ARTICLE_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "wuhan-2020-12-22-cjn.txt"


@pytest.fixture
def article_path():
    return ARTICLE_PATH


@pytest.fixture
def imported_article(db):
    """The seed article imported through the management command."""
    from commitments.models import Article

    call_command("import_article", str(ARTICLE_PATH), verbosity=0)
    return Article.objects.get()
