"""The parser's accuracy on the hand-labelled genre corpus (tests/parsing/genre) never falls back.

bench/genre_accuracy.py scores every article against its gold file the way a held-out check would
(departments, officials, titles, commitment recall and precision, non-commitments excluded,
targets and baselines, deadlines, goals, metadata). FLOOR is the overall share measured at the corpus's last change, minus a small
margin: raise it when the parser improves, never lower it to let a regression through.
"""

import pytest

from bench import genre_accuracy
from commitments.parsing import parse_article

FLOOR = 0.96  # measured 0.983 on 2026-11-30 04:48 UTC (15 articles, 1144 checks)

ARTICLES = list(genre_accuracy.articles())
HELDOUT = list(genre_accuracy.articles(corpus=genre_accuracy.CORPUS.parent / "genre-heldout"))


def test_the_corpus_covers_the_forms_of_the_genre():
    names = [name for name, _, _ in ARTICLES]
    assert len(names) >= 10
    suffixes = {path.suffix for _, path, _ in ARTICLES}
    assert ".html" in suffixes
    raws = [path.read_bytes() for _, path, _ in ARTICLES]
    undecodable = [raw for raw in raws if _not_utf8(raw)]
    assert undecodable, "one article is stored in GB18030"


def _not_utf8(raw):
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@pytest.mark.parametrize(
    "name,path,gold", ARTICLES + HELDOUT, ids=[name for name, _, _ in ARTICLES + HELDOUT]
)
def test_every_article_parses_into_its_speakers(name, path, gold):
    article = parse_article(path.read_bytes(), filename=path.name)
    assert article.departments
    assert all(d.official.name for d in article.departments)
    assert any(d.commitments for d in article.departments)


def test_overall_share_of_checks_stays_above_the_floor():
    overall = genre_accuracy.Score()
    for name, path, gold in ARTICLES:
        genre_accuracy.score_article(name, path, gold, overall)
    assert overall.share >= FLOOR, "\n".join(what for _, what in overall.failures[:40])


def test_the_scorer_fails_a_check_it_should():
    """A gold file the parse cannot satisfy lowers the score (the scorer is no rubber stamp)."""
    name, path, gold = ARTICLES[0]
    wrong = {**gold, "metadata": {**gold["metadata"], "title": "无此标题", "city": "无此城"}}
    wrong["departments"] = [{**gold["departments"][0], "official": "无此人", "name": "无此部门",
                             "accept": []}]
    score = genre_accuracy.Score()
    genre_accuracy.score_article(name, path, wrong, score)
    failed = {category for category, _ in score.failures}
    assert {"metadata", "departments", "officials"} <= failed
