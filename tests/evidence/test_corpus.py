"""The corpus reads postings from PostgreSQL's GIN index or builds them in Python: alike."""

import pytest
from django.db import connection

from evidence.corpus import DatabaseCorpus
from evidence.matching import Matcher, query_terms

PASSAGE = "全年开展公共工程项目跟踪审计65项,财政预算执行审计实现全覆盖,推进乡村振兴。"


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's"),
]


@pytest.fixture
def postgres(shared_article):
    """The seed article, imported once for the module, with the planner's statistics."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE commitments_commitment")


def test_index_and_python_postings_agree(postgres):
    terms = set(query_terms(PASSAGE))
    from_index = DatabaseCorpus().postings(terms, max_df=200)
    in_python = DatabaseCorpus(full_text_index=False).postings(terms, max_df=200)
    assert {t: sorted(ids) for t, ids in from_index[0].items()} == {
        t: sorted(ids) for t, ids in in_python[0].items()
    }
    assert from_index[0]["审计"]


def test_a_common_word_is_counted_not_fetched(postgres):
    postings, common = DatabaseCorpus().postings({"推进", "审计"}, max_df=3)
    assert "推进" in common and common["推进"] > 3
    assert "推进" not in postings


def test_both_paths_rank_alike(postgres):
    [by_index] = Matcher(DatabaseCorpus()).rank([PASSAGE])
    [by_python] = Matcher(DatabaseCorpus(full_text_index=False)).rank([PASSAGE])
    assert [m.commitment for m in by_index] == [m.commitment for m in by_python]
