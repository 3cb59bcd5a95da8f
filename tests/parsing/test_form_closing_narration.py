"""Speaker lines closed by the reporter's summing-up (记者注意到…, 各区县负责人表示,将…), 安排 as an
action and 全年 as the publication year, in an article written for this test."""

from .forms import commitment_matches, parse

NAME = "speaker-lines-closing-narration.txt"
EXPECTED = {
    "东湖湾区": ["安排重点项目90个", "新建人才公寓3000套"],
    "青石县": ["全年实施乡村建设项目60个"],
}


def test_the_closing_narration_is_nobodys_commitment():
    article = parse(NAME)
    assert [(d.name, d.official.name) for d in article.departments] == [
        ("东湖湾区", "韩冰"),
        ("青石县", "苏杭"),
    ]
    assert commitment_matches(article, EXPECTED) == ([], [], [])


def test_this_year_and_the_whole_year_end_with_the_publication_year():
    article = parse(NAME)
    county = article.departments[1]
    (projects,) = county.commitments
    assert (60.0, "个", 2022) in [(t.value, t.unit, t.year) for t in projects.targets]
    assert 2022 in [t.year for t in projects.targets if t.kind == "deadline"]
