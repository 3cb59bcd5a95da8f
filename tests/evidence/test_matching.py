"""The matcher's ranking: on the hand-labelled later documents, and its rules one by one."""

import pytest

from commitments.models import Commitment, Target
from evidence.corpus import DatabaseCorpus
from evidence.evaluation import label_resolver, labelled_documents, score
from evidence.matching import DEPARTMENT_BOOST, OFFICIAL_BOOST, Matcher, quantities


def rank_ids(document):
    matcher = Matcher(DatabaseCorpus(), context=document.title)
    ranked = matcher.rank([passage.text for passage in document.passages])
    return [[match.commitment for match in matches] for matches in ranked]


def test_labelled_passages_rank_their_commitment_first(shared_article):
    ids = label_resolver(Commitment.objects.values_list("id", "title", "text"))
    scores = score(labelled_documents(), rank_ids, ids)
    assert scores.reporting >= 35
    assert scores.precision_at_1 >= 0.85, scores.misses
    assert scores.recall_at_3 >= 0.85, scores.misses
    assert scores.silent_narration >= 0.8, scores.misses


def test_narration_gets_no_candidates(shared_article):
    ranked = Matcher(DatabaseCorpus()).rank([
        "2025年是“十四五”规划收官之年。",
        "这些成绩的取得,是全市人民团结奋斗的结果。",
    ])
    assert ranked == [[], []]


def test_at_most_five_candidates_best_first(shared_article):
    [matches] = Matcher(DatabaseCorpus()).rank(
        ["全市审计机关开展财政预算执行审计、经济责任审计、公共工程项目审计、国有企业审计、"
         "民生资金审计和自然资源资产审计,实现审计全覆盖。"]
    )
    assert 1 < len(matches) <= 5
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(m.department == "市审计局" for m in matches)


def test_a_named_department_or_official_lifts_its_commitment(shared_article):
    text = "全年组织招聘活动1800余场,促进充分就业,重点群体就业支持体系更加完善。"
    plain, by_department, by_official = Matcher(DatabaseCorpus()).rank(
        [f"据介绍,{text}", f"市人社局介绍,{text}", f"孙志军介绍,{text}"]
    )
    scores = [{m.title: m.score for m in matches}["千方百计稳定和扩大就业"]
              for matches in (plain, by_department, by_official)]
    assert scores[1] == pytest.approx(scores[0] + DEPARTMENT_BOOST, abs=0.5)
    assert scores[2] == pytest.approx(scores[0] + OFFICIAL_BOOST, abs=0.5)


def test_a_figure_lines_up_with_a_target_of_the_same_unit_and_noun(shared_article):
    parks = Commitment.objects.get(title="高品质建设公园绿地")
    target = Target.objects.create(commitment=parks, text="建成口袋公园100个", kind="quantity",
                                   value=100, unit="个", source_start=0, source_end=5)
    [matches] = Matcher(DatabaseCorpus()).rank(["全年建成口袋公园120个,公园绿地品质提升。"])
    top = matches[0]
    assert top.commitment == parks.pk
    [number] = [n for n in top.numbers if n["target"]]
    assert (number["target"], number["value"], number["unit"]) == (target.pk, 120.0, "个")


def test_a_figure_of_another_unit_or_noun_does_not_line_up(shared_article):
    parks = Commitment.objects.get(title="高品质建设公园绿地")
    Target.objects.create(commitment=parks, text="建成口袋公园100个", kind="quantity",
                          value=100, unit="个", source_start=0, source_end=5)
    [matches] = Matcher(DatabaseCorpus()).rank(
        ["全年建成社区服务站120个,口袋公园面积达到30公顷,公园绿地品质提升。"]
    )
    assert matches[0].commitment == parks.pk
    assert not any(n["target"] for n in matches[0].numbers)


@pytest.mark.parametrize("text, expected", [
    ("口袋公园由2020年的80个增加到120个", [(120.0, "个")]),
    ("比上年增长8%", [(8.0, "%")]),
    ("新增就业25.3万人", [(25.3, "万人")]),
])
def test_quantities_leave_out_baselines(text, expected):
    assert [(q.value, q.unit) for q in quantities(text)] == expected


def test_a_figure_shares_a_noun_with_a_target_not_just_its_unit(shared_article):
    parks = Commitment.objects.get(title="高品质建设公园绿地")
    [matches] = Matcher(DatabaseCorpus()).rank(["全市公园绿地品质提升,基本实现300米见绿、500米见园。"])
    numbers = {n["text"]: n["target_text"] for n in matches[0].numbers}
    assert matches[0].commitment == parks.pk
    assert numbers == {"基本实现300米见绿": "300米见绿", "500米见园": "500米见园"}
