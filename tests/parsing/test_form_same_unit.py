"""Two officials of one unit speak (县委书记 and 县长), in an article written for this test.

The rule: one department per unit (the importer keeps one department, statement and official per
unit and article). Its ``official`` is the first to speak; ``officials`` lists each speaker in
order with their own titles; every commitment names the official who said it."""

from .forms import parse

NAME = "same-unit-two-speakers-county.txt"


def test_one_department_lists_both_officials_in_order_of_speaking():
    article = parse(NAME)
    assert [d.name for d in article.departments] == ["临江县"]
    (county,) = article.departments
    assert (county.official.name, county.official.titles) == ("周正", ["县委书记"])
    assert [(o.name, o.titles) for o in county.officials] == [
        ("周正", ["县委书记"]),
        ("贺明远", ["县委副书记", "县长"]),
    ]
    assert county.to_dict()["officials"][1] == {"name": "贺明远", "titles": ["县委副书记", "县长"]}


def test_each_commitment_goes_to_its_speaker():
    (county,) = parse(NAME).departments
    speakers = {c.text: c.official for c in county.commitments}

    def speaker_of(phrase):
        (found,) = [name for text, name in speakers.items() if phrase in text]
        return found

    assert speaker_of("新建标准化厂房50万平方米") == "周正"
    assert speaker_of("完成沿江码头整治12处") == "周正"
    assert speaker_of("新改建农村公路80公里") == "贺明远"
    assert speaker_of("新建乡镇污水处理厂6座") == "贺明远"
    assert speaker_of("新增学位3000个") == "贺明远"
    assert not [text for text in speakers if "开幕" in text or "记者采访" in text]
