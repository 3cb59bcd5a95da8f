"""Traditional characters and half-width punctuation (as mirror sites serve them): matched after
conversion, every span still pointing into the original text."""

import pytest

from .forms import ARTICLES, all_commitments, commitment_matches
from .forms import REPORTED_SPEECH_EXPECTED as EXPECTED

opencc = pytest.importorskip("opencc")


@pytest.fixture(scope="module")
def pair():
    from commitments.parsing import parse_article

    simplified = (ARTICLES / "reported-wuhan.txt").read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(simplified)
    traditional = traditional.replace("，", ",").replace("：", ":").replace("；", ";")
    return parse_article(simplified), parse_article(traditional), traditional


def test_the_same_speakers_and_commitments(pair):
    simplified, traditional, _ = pair
    assert [d.name for d in traditional.departments] == [d.name for d in simplified.departments]
    assert [d.official.name for d in traditional.departments] == ["汪建华", "黄国庆", "余文化", "陈晓峰"]
    assert len(all_commitments(traditional)) == len(all_commitments(simplified))
    assert commitment_matches(simplified, EXPECTED) == ([], [], [])


def test_spans_point_into_the_original_text(pair):
    simplified, traditional, text = pair
    assert traditional.text == text
    for commitment, twin in zip(all_commitments(traditional), all_commitments(simplified)):
        assert text[commitment.start : commitment.end] == commitment.text
        assert (commitment.start, commitment.end) == (twin.start, twin.end)
        assert commitment.title in commitment.text
        assert [(t.value, t.unit, t.year, t.kind) for t in commitment.targets] == [
            (t.value, t.unit, t.year, t.kind) for t in twin.targets
        ]
        assert all(text[t.start : t.end] == t.text for t in commitment.targets)
    assert "將" in all_commitments(traditional)[0].text


def test_goals_and_themes_are_read_alike(pair):
    simplified, traditional, _ = pair
    assert [c.themes for c in all_commitments(traditional)] == [
        c.themes for c in all_commitments(simplified)
    ]
    assert [[g.slug for g in c.goals] for c in all_commitments(traditional)] == [
        [g.slug for g in c.goals] for c in all_commitments(simplified)
    ]
