"""The parse of the real article against the hand-written gold annotation."""

import json
import re
import time
from datetime import datetime

import pytest

from commitments.parsing import GOALS, THEMES, parse_article

from .articles import GOLD, REAL_ARTICLE

GOLD_DATA = json.loads(GOLD.read_text(encoding="utf-8"))
GOLD_DEPARTMENTS = GOLD_DATA["departments"]


@pytest.fixture(scope="module")
def article():
    return parse_article(REAL_ARTICLE.read_bytes())


@pytest.fixture(scope="module")
def departments(article):
    return {department.name: department for department in article.departments}


def test_article_metadata_matches_the_gold(article):
    gold = GOLD_DATA["article"]
    assert article.title == gold["title"]
    assert article.published_at == datetime.fromisoformat(gold["published_at"])
    assert (article.source, article.editor) == (gold["source"], gold["editor"])
    assert article.reporters == gold["reporters"]
    assert article.correspondents == gold["correspondents"]
    assert article.credits["统筹"] == gold["credits"]["统筹"]


def test_all_eleven_departments_in_order(article):
    assert [d.name for d in article.departments] == [d["name"] for d in GOLD_DEPARTMENTS]
    assert len(article.departments) == 11


@pytest.mark.parametrize("gold", GOLD_DEPARTMENTS, ids=lambda gold: gold["name"])
def test_official_titles_headline_and_aliases_match_the_gold(gold, article, departments):
    department = departments[gold["name"]]
    assert department.official.name == gold["official"]["name"]
    assert department.official.titles == gold["official"]["titles"]
    assert department.headline == gold["headline"]
    assert article.text[department.headline_start : department.headline_end] == gold["headline"]
    assert department.aliases == gold["aliases"]


@pytest.mark.parametrize("gold", GOLD_DEPARTMENTS, ids=lambda gold: gold["name"])
def test_commitments_match_the_gold_one_for_one(gold, departments):
    commitments = departments[gold["name"]].commitments
    assert len(commitments) == len(gold["commitments"])
    for commitment, expected in zip(commitments, gold["commitments"]):
        assert commitment.text.startswith(expected["opening"])
        if "title" in expected:
            assert commitment.title == expected["title"]


@pytest.mark.parametrize("gold", GOLD_DEPARTMENTS, ids=lambda gold: gold["name"])
def test_framing_and_context_sentences_are_in_no_commitment(gold, departments):
    texts = [c.text for c in departments[gold["name"]].commitments]
    for sentence in gold["framing"] + gold.get("not_commitments", []):
        assert not any(sentence in text or text in sentence for text in texts)


@pytest.mark.parametrize("gold", GOLD_DEPARTMENTS, ids=lambda gold: gold["name"])
def test_targets_match_the_gold(gold, article, departments):
    targets = [t for c in departments[gold["name"]].commitments for t in c.targets]
    assert [(t.text, t.value, t.unit, t.year, t.kind) for t in targets] == [
        (t["text"], t["value"], t["unit"], t["year"], t["kind"]) for t in gold["targets"]
    ]
    assert all(article.text[t.start : t.end] == t.text for t in targets)


def test_every_commitment_span_is_exact_and_trimmed(article):
    commitments = [c for d in article.departments for c in d.commitments]
    for commitment in commitments:
        assert article.text[commitment.start : commitment.end] == commitment.text
        assert commitment.text == commitment.text.strip()
        assert commitment.title and commitment.title in commitment.text


def test_every_commitment_has_a_known_theme_and_known_goals(article):
    theme_slugs = {theme.slug for theme in THEMES}
    goal_slugs = {goal.slug for goal in GOALS}
    for commitment in (c for d in article.departments for c in d.commitments):
        assert commitment.themes and set(commitment.themes) <= theme_slugs
        assert {goal.slug for goal in commitment.goals} <= goal_slugs
        assert all(goal.keywords for goal in commitment.goals)


def test_headed_items_are_themed_by_what_they_are_about(departments):
    def themes(unit, index):
        return departments[unit].commitments[index].themes

    assert "employment" in themes("市人力资源和社会保障局", 0)
    assert "talent" in themes("市人力资源和社会保障局", 2)
    assert "digital-government" in themes("市政务服务和大数据管理局", 1)
    assert "public-resources" in themes("市政务服务和大数据管理局", 2)
    assert all("audit" in c.themes for c in departments["市审计局"].commitments)
    assert all("statistics" in c.themes for c in departments["市统计局"].commitments)


def test_goals_carry_their_evidence(departments):
    quality = departments["市市场监督管理局"].commitments[1]
    goals = {goal.slug: goal.keywords for goal in quality.goals}
    assert goals["innovation"][0] == "知识产权"
    assert "先进制造业" in goals["economy"]
    statistics_headline_item = departments["市统计局"].commitments[4]
    assert statistics_headline_item.goals == []  # 五个中心 names the goals, serves none by itself


def test_to_dict_is_json_ready_in_the_agreed_shape(article):
    data = json.loads(json.dumps(article.to_dict(), ensure_ascii=False))
    # Keys are added, never renamed: warnings, and the article's url, city and format.
    assert set(data) == {"article", "departments", "warnings"}
    assert set(data["article"]) == {
        "title", "published_at", "source", "editor", "reporters", "url", "city", "format"
    }
    assert (data["article"]["city"], data["warnings"]) == ("武汉", [])
    assert data["article"]["published_at"] == "2020-12-22T07:08:00+08:00"
    department = data["departments"][5]
    assert set(department) == {
        "name", "aliases", "official", "officials", "headline", "commitments"
    }
    assert department["official"] == {"name": "张贵达", "titles": ["党组书记", "局长"]}
    assert department["officials"] == [department["official"]]
    commitment = department["commitments"][1]
    assert set(commitment) == {"title", "text", "span", "themes", "goals", "targets", "official"}
    assert commitment["official"] == "张贵达"
    assert article.text[slice(*commitment["span"])] == commitment["text"]
    audit = data["departments"][6]["commitments"][1]
    assert audit["targets"] == [
        {"text": "五年内", "value": 5.0, "unit": "年", "year": 2025, "kind": "deadline"}
    ]
    commitments = [c for d in data["departments"] for c in d["commitments"]]
    goal_names = {name for commitment in commitments for name in commitment["goals"]}
    assert goal_names <= {goal.name for goal in GOALS} and "国家科技创新中心" in goal_names


def test_the_real_article_parses_well_under_two_seconds_when_warm(article):
    raw = REAL_ARTICLE.read_bytes()
    # This process's CPU time, not the wall clock: parallel workers and neighbours share the cores.
    started = time.process_time()
    parse_article(raw)
    assert time.process_time() - started < 0.5


def test_seed_titles_state_the_action_with_balanced_quotes(article):
    """A title is the clause that states the action: no quotation mark or bracket left open, no
    subject and modal in front (着力推进“三业联动”, not 全市三农部门将着力推进“三业联动)."""
    titles = [c.title for d in article.departments for c in d.commitments]
    for opening, closing in ("“”", "（）", "《》"):
        assert not [t for t in titles if t.count(opening) != t.count(closing)], opening
    assert not [t for t in titles if re.match(r"^[\u4e00-\u9fff]{1,8}?(?:将|要)(?:着力|深入)?推进", t)]
    farming = next(d for d in article.departments if d.name == "市农业农村局")
    (three,) = [c for c in farming.commitments if c.text.startswith("全市三农部门将着力推进")]
    assert three.title == "着力推进“三业联动”"
