"""A Wuhan district's account post where 区委书记 is named without the district and the speech
names a development zone (…经济技术开发区): the unit is the district the post names (蔡甸区),
never a fragment of the zone's name. Written for this test."""

from .forms import all_commitments, parse

NAME = "district-secretary-zone-wuhan.txt"


def test_the_unit_is_the_named_district_not_the_zone():
    article = parse(NAME)
    assert article.city == "武汉"
    assert [(d.name, d.official.name, d.official.titles) for d in article.departments] == [
        ("蔡甸区", "龚卫东", ["区委书记"])
    ]


def test_industrial_output_serves_the_economy_goal():
    article = parse(NAME)
    (plan, wetland) = all_commitments(article)
    assert "economy" in [g.slug for g in plan.goals]
    assert (1000.0, "亿元", 2026, "quantity") in [
        (t.value, t.unit, t.year, t.kind) for t in plan.targets
    ]
    assert wetland.goals == []
