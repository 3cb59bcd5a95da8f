"""The command's interface: --city, warnings, the JSON's added fields, url/city and baselines stored,
and re-imports that write source columns only."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import importer
from commitments.models import Article, Commitment, Target
from commitments.parsing import parse_article
from commitments.status import Status

SAME_UNIT = Path(__file__).resolve().parent / "parsing/articles/same-unit-two-speakers-county.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture
def spied_parse(monkeypatch):
    """parse_article as the grammar helper extends it: records the keyword arguments it gets."""
    calls = []

    def parse(raw, filename=None, city=None, max_commitments=None, max_departments=None):
        calls.append({"filename": filename, "city": city, "max_commitments": max_commitments})
        parsed = parse_article(raw)
        parsed.city = city
        parsed.url = "https://www.example.cn/news/2020-12/22/content_1.html"
        parsed.warnings = ["文章在“全面提升公共服务效能”处结束,可能不完整。"]
        return parsed

    monkeypatch.setattr(importer, "parse_article", parse)
    return calls


def test_city_and_filename_reach_the_parser(article_path, spied_parse):
    call_command("import_article", str(article_path), "--city", "杭州", verbosity=0)
    assert spied_parse == [
        {"filename": article_path.name, "city": "杭州", "max_commitments": importer.MAX_COMMITMENTS}
    ]
    article = Article.objects.get()
    assert article.city == "杭州"
    assert article.url == "https://www.example.cn/news/2020-12/22/content_1.html"


def test_warnings_go_to_stderr_and_into_the_json(article_path, spied_parse, capsys):
    call_command("import_article", str(article_path), "--dry-run", "--json", "--city", "武汉")
    out, err = capsys.readouterr()
    assert "可能不完整" in err
    parse = json.loads(out)
    assert parse["warnings"] == ["文章在“全面提升公共服务效能”处结束,可能不完整。"]
    assert parse["article"]["city"] == "武汉"
    assert parse["article"]["url"].startswith("https://www.example.cn/")
    assert Article.objects.count() == 0


def test_the_json_keeps_todays_keys_whatever_the_parser(article_path, capsys):
    call_command("import_article", str(article_path), "--dry-run", "--json")
    parse = json.loads(capsys.readouterr().out)
    assert set(parse["article"]) >= {"title", "published_at", "source", "editor", "reporters",
                                     "url", "city"}
    assert isinstance(parse["warnings"], list)
    targets = [t for d in parse["departments"] for c in d["commitments"] for t in c["targets"]]
    assert targets and all(set(t) >= {"text", "value", "unit", "year", "kind"} for t in targets)


def test_baseline_targets_are_stored_with_their_kind(article_path):
    parsed = importer.read_article(article_path.read_bytes())
    target = next(t for d in parsed.departments for c in d.commitments for t in c.targets)
    target.kind = "baseline"
    importer.store_article(parsed)
    stored = Target.objects.get(kind=Target.Kind.BASELINE)
    assert stored.text == target.text
    assert stored.get_kind_display() == "基数"


def test_a_reimport_writes_no_progress_column(imported_article, article_path, tmp_path):
    commitment = Commitment.objects.get(title="千方百计稳定和扩大就业")
    commitment.update_status(
        status=Status.IN_PROGRESS, progress=60, reported_on=datetime.date(2021, 6, 1)
    )
    edited = tmp_path / "edited.txt"
    edited.write_text(
        article_path.read_text(encoding="utf-8").replace("要扩大就业容量", "要持续扩大就业容量"),
        encoding="utf-8",
    )
    with CaptureQueriesContext(connection) as queries:
        call_command("import_article", str(edited), verbosity=0)
    table = Commitment._meta.db_table
    updates = [q["sql"] for q in queries if q["sql"].startswith(f'UPDATE "{table}"')]
    assert updates
    for sql in updates:
        assigned = sql.split(" SET ", 1)[1].split(" WHERE ", 1)[0]
        for column in ("status", "progress", "last_reported_on"):
            assert f'"{column}" =' not in assigned
    commitment.refresh_from_db()
    assert "要持续扩大就业容量" in commitment.text
    assert (commitment.status, commitment.progress) == (Status.IN_PROGRESS, 60)
    assert commitment.last_reported_on == datetime.date(2021, 6, 1)
    latest = commitment.history.first()
    assert (latest.progress, latest.text) == (60, commitment.text)


def test_an_edit_makes_an_open_admin_form_stale(imported_article, article_path, tmp_path):
    commitment = Commitment.objects.get(title="千方百计稳定和扩大就业")
    untouched = Commitment.objects.filter(department__name="市扶贫办").first()  # before the edit
    edited = tmp_path / "edited.txt"
    edited.write_text(
        article_path.read_text(encoding="utf-8").replace("要扩大就业容量", "要持续扩大就业容量"),
        encoding="utf-8",
    )
    call_command("import_article", str(edited), verbosity=0)
    assert Commitment.objects.get(pk=commitment.pk).version == commitment.version + 1
    assert Commitment.objects.get(pk=untouched.pk).version == untouched.version


def test_the_dead_import_article_function_is_gone():
    assert not hasattr(importer, "import_article")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>", "ftp://x/y"])
def test_only_a_web_address_is_kept_as_the_url(article_path, url):
    parsed = importer.read_article(article_path.read_bytes())
    parsed.url = url
    importer.store_article(parsed)
    assert Article.objects.get().url == ""


def test_each_speaker_of_a_unit_is_an_official_of_their_own_commitments():
    article = importer.read_article(SAME_UNIT.read_bytes(), filename=SAME_UNIT.name)
    block = next(block for block in article.departments if len(block.officials) > 1)
    importer.store_article(article)
    stored = Commitment.objects.filter(department__name=block.name).order_by("order")
    said_by = [commitment.official.name for commitment in stored.select_related("official")]
    assert said_by == [item.official for item in block.commitments]
    assert len(set(said_by)) == len(block.officials) > 1
    assert stored.first().official.titles == block.officials[0].titles
