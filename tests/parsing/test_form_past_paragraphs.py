"""Past results told over several sentences of one paragraph, and goal evidence that is only the
base of a ratio, in an article written for this test (not in the genre corpus)."""

from .forms import all_commitments, parse

NAME = "reported-past-paragraphs-wuhan.txt"


def _commitment_holding(article, phrase):
    return next(c for c in all_commitments(article) if phrase in c.text)


def test_a_sentence_continuing_past_results_is_no_commitment_and_keeps_the_year():
    article = parse(NAME)
    texts = [c.text for c in all_commitments(article)]
    assert not [t for t in texts if "新登记科技型中小企业" in t]
    # 已经…了 reports what was done; the 十四五 inside a plan's name is no time ahead.
    assert not [t for t in texts if "组建了" in t]
    baselines = {
        (t.value, t.unit, t.year)
        for c in all_commitments(article)
        for t in c.targets
        if t.kind == "baseline"
    }
    assert {(820, "亿元", 2020), (4200, "家", 2020), (1800, "家", 2020)} <= baselines
    quantities = {
        (t.value, t.unit)
        for c in all_commitments(article)
        for t in c.targets
        if t.kind == "quantity"
    }
    assert (4200, "家") not in quantities


def test_the_forward_sentences_stay_commitments():
    article = parse(NAME)
    texts = " ".join(c.text for c in all_commitments(article))
    for phrase in ("新建新型研发机构20家", "规划建设大学科技园3个", "新设科技创新投资基金2支"):
        assert phrase in texts


def test_the_base_of_a_ratio_is_no_goal_evidence():
    article = parse(NAME)
    research = _commitment_holding(article, "研发投入占地区生产总值比重")
    assert {g.slug for g in research.goals} == {"innovation"}
    park = _commitment_holding(article, "大学科技园")
    assert {g.slug for g in park.goals} == {"innovation"}
