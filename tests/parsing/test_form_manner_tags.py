"""Speech tags of the genre beyond 表示/说, in an article written for this test: a manner phrase
before the verb (开门见山地说, 笑着说), a speaker named in narration without a verb and then tagged
by pronoun (县委书记某某把目光投向了…。他说) or by name after 与县长某某面对面, and a place after a
verb of going (走进河湾县) that must not take the verb into the unit."""

from .forms import commitment_matches, parse

NAME = "manner-tags-narrated-speakers.txt"
EXPECTED = {
    "长丰区": ["新建社区养老服务中心15个", "改造老旧小区40个", "新建口袋公园30个"],
    "河湾县": ["建设临港产业园", "新修通村公路60公里", "新建中小学5所"],
}


def test_departments_and_speakers():
    article = parse(NAME)
    assert [(d.name, [(o.name, o.titles) for o in d.officials]) for d in article.departments] == [
        ("长丰区", [("孟凡", ["区长"])]),
        ("河湾县", [("龚立", ["县委书记"]), ("谭新", ["县长"])]),
    ]


def test_every_commitment_found_with_its_speaker():
    article = parse(NAME)
    assert commitment_matches(article, EXPECTED) == ([], [], [])
    speakers = {c.text: c.official for d in article.departments for c in d.commitments}
    assert [who for text, who in speakers.items() if "临港产业园" in text] == ["龚立"]
    assert [who for text, who in speakers.items() if "通村公路" in text] == ["谭新"]
