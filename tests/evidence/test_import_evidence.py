"""manage.py import_evidence: the JSON shape, a stored run, and refusals that change nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from evidence.models import EvidenceDocument, Passage, Suggestion

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "evidence"
REPORT = FIXTURES / "work-report-2026.txt"


def run(*args):
    out = StringIO()
    call_command("import_evidence", *map(str, args), stdout=out)
    return out.getvalue()


def counts():
    return (EvidenceDocument.objects.count(), Passage.objects.count(), Suggestion.objects.count())


def test_dry_run_json_has_the_documented_shape_and_writes_nothing(shared_article):
    data = json.loads(run(REPORT, "--dry-run", "--json", "--published", "2026-01-12",
                          "--source-url", "https://www.wuhan.gov.cn/report.html"))
    assert data["document"] == {
        "title": "2026年武汉市人民政府工作报告（摘要）", "published_at": "2026-01-12",
        "source": "www.wuhan.gov.cn", "source_url": "https://www.wuhan.gov.cn/report.html",
    }
    text = REPORT.read_text(encoding="utf-8")
    for passage in data["passages"]:
        assert set(passage) == {"text", "span", "candidates"}
        start, end = passage["span"]
        assert text[start:end] == passage["text"]
        assert len(passage["candidates"]) <= 5
        scores = [candidate["score"] for candidate in passage["candidates"]]
        assert scores == sorted(scores, reverse=True)
        for candidate in passage["candidates"]:
            assert set(candidate) == {"commitment", "title", "department", "score", "numbers"}
    rail = next(p for p in data["passages"] if "轨道交通" in p["text"])
    assert rail["candidates"][0]["title"] == "做强轨道网、加密道路网、统筹地下管网、发展智慧网"
    assert counts() == (0, 0, 0)


def test_a_run_stores_the_document_passages_and_pending_suggestions(shared_article):
    output = run(REPORT, "--published", "2026-01-12")
    document = EvidenceDocument.objects.get()
    assert f"Stored #{document.pk}" in output
    assert document.passages.count() == 22
    assert Suggestion.objects.filter(state="pending").count() >= 20
    assert not Suggestion.objects.exclude(state="pending").exists()


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"GIF89a\x00\x01\x00\x00", "binary"),
    (b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
    ("新闻中心 > 武汉\n展开频道 收起频道\n".encode(), "no sentence"),
])
def test_bad_input_is_refused_in_one_sentence_and_nothing_changes(
    shared_article, tmp_path, content, reason
):
    run(REPORT)
    before = counts()
    path = tmp_path / "document.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        run(path)
    assert reason in str(refused.value)
    assert str(refused.value).count("\n") == 0
    assert counts() == before


def test_a_directory_a_repeat_and_a_bad_date_are_refused(shared_article, tmp_path):
    run(REPORT)
    before = counts()
    for args, reason in [
        ((tmp_path,), "not a regular file"),
        ((REPORT,), "already stored"),
        ((FIXTURES / "yuanlin-2025-summary.txt", "--published", "2025-13-01"), "not a date"),
        ((FIXTURES / "yuanlin-2025-summary.txt", "--source-url", "javascript:alert(1)"),
         r"not an http\(s\) URL"),
    ]:
        with pytest.raises(CommandError, match=reason):
            run(*args)
    assert counts() == before
