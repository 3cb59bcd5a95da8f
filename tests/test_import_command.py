"""import_article: the seed article lands whole, exactly quoted, and re-imports are safe."""

import json
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Article, Commitment, Statement, StatusUpdate, Target, Theme
from commitments.status import Status
from departments.models import Department, Official

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Department, Official, Statement, Commitment, Target, StatusUpdate)
    }


def test_import_stores_every_department_with_its_official_and_headline(shared_article):
    assert Department.objects.count() == 11
    statement = Statement.objects.select_related("official", "department").get(
        department__name="市人力资源和社会保障局"
    )
    assert statement.official.name == "孙志军"
    assert statement.official.titles == ["党组书记", "局长"]
    assert statement.headline == "为建设现代化大武汉尽职尽责、善作善成"
    assert shared_article.source == "长江网"
    assert shared_article.editor == "张靖"


def test_published_at_is_beijing_time(shared_article):
    from zoneinfo import ZoneInfo

    local = shared_article.published_at.astimezone(ZoneInfo("Asia/Shanghai"))
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2020, 12, 22, 7, 8)


def test_every_commitment_quotes_the_article_exactly(shared_article):
    commitments = list(Commitment.objects.all())
    assert len(commitments) >= 40
    for commitment in commitments:
        assert shared_article.text[commitment.source_start:commitment.source_end] == commitment.text


def test_every_commitment_has_a_theme_and_targets_quote_the_article(shared_article):
    assert not Commitment.objects.filter(themes=None).exists()
    for target in Target.objects.all():
        assert shared_article.text[target.source_start:target.source_end] == target.text
    assert Target.objects.filter(text__contains="300米").exists()


def test_headed_item_becomes_one_commitment_titled_by_its_heading(shared_article):
    commitment = Commitment.objects.get(title="千方百计稳定和扩大就业")
    assert commitment.department.name == "市人力资源和社会保障局"
    assert commitment.official.name == "孙志军"
    assert commitment.text.startswith("千方百计稳定和扩大就业。要扩大就业容量")
    assert commitment.themes.filter(slug="employment").exists()


def test_goal_links_keep_their_evidence_keywords(shared_article):
    talent = Commitment.objects.get(title="加快建设人才活力之城")
    link = talent.goal_links.select_related("goal").get(goal__slug="innovation")
    assert "人才" in link.keywords


def test_importing_the_same_article_again_changes_nothing(shared_article, article_path):
    commitment = Commitment.objects.get(title="千方百计稳定和扩大就业")
    commitment.update_status(status=Status.IN_PROGRESS, progress=60, note="年度目标完成")
    before = counts()
    call_command("import_article", str(article_path), verbosity=0)
    assert counts() == before
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == (Status.IN_PROGRESS, 60)


def test_edited_version_updates_text_and_spans_in_place_and_keeps_history(
    shared_article, article_path, tmp_path
):
    commitment = Commitment.objects.get(title="千方百计稳定和扩大就业")
    commitment.update_status(status=Status.IN_PROGRESS, progress=60, note="年度目标完成")
    later = Commitment.objects.get(title="健全多层次社会保障体系")
    edited = article_path.read_text(encoding="utf-8").replace(
        "要扩大就业容量", "要持续扩大就业容量"
    )
    (tmp_path / "edited.txt").write_text(edited, encoding="utf-8")
    before = counts()

    call_command("import_article", str(tmp_path / "edited.txt"), verbosity=0)

    assert counts() == before
    article = Article.objects.get()
    assert "要持续扩大就业容量" in article.text
    commitment.refresh_from_db()
    assert "要持续扩大就业容量" in commitment.text
    assert commitment.updates.count() == 1 and commitment.progress == 60
    moved = Commitment.objects.get(pk=later.pk)
    assert moved.source_start == later.source_start + 2
    for each in Commitment.objects.all():
        assert article.text[each.source_start:each.source_end] == each.text


def test_a_reimport_writes_only_what_differs_from_the_parse(
    shared_article, article_path, tmp_path
):
    theme = Theme.objects.get(slug="employment")
    Theme.objects.filter(pk=theme.pk).update(name="改坏的名称")
    edited = article_path.read_text(encoding="utf-8").replace(
        "要扩大就业容量", "要持续扩大就业容量"
    )
    (tmp_path / "edited.txt").write_text(edited, encoding="utf-8")

    before = sources()
    with CaptureQueriesContext(connection) as queries:
        call_command("import_article", str(tmp_path / "edited.txt"), verbosity=0)

    assert Theme.objects.get(pk=theme.pk).name == theme.name  # the lexicon's name, restored
    writes = writes_per_table(queries, "INSERT INTO", "UPDATE")
    assert writes["commitments_theme"] == 1  # the theme edited, not the others
    assert writes["departments_official"] == writes["commitments_statement"] == 0
    # The edited commitment, and those after it whose spans moved: each written once, with a
    # history row; the commitments before the edit are not written at all.
    changed = [pk for pk, source in sources().items() if before[pk] != source]
    assert 0 < len(changed) < len(before)
    assert writes["commitments_commitment"] == len(changed)
    assert writes["commitments_historicalcommitment"] == len(changed)


def writes_per_table(queries, *verbs):
    """How many of the captured statements starting with one of `verbs` went to each table."""
    pattern = re.compile(rf'(?:{"|".join(verbs)}) "(\w+)"')
    return Counter(
        match[1] for query in queries if (match := pattern.match(query["sql"]))
    )


def sources():
    return {
        commitment.pk: (commitment.title, commitment.text, commitment.source_start,
                        commitment.source_end, commitment.order, commitment.official_id)
        for commitment in Commitment.objects.all()
    }


def test_a_fresh_import_writes_each_kind_of_row_once_per_department(
    shared_article, article_path, tmp_path
):
    # Another article (its title differs) by the same departments and officials.
    retitled = tmp_path / "retitled.txt"
    text = article_path.read_text(encoding="utf-8")
    retitled.write_text(text.replace(shared_article.title, "另一篇谈发展的文章", 1), encoding="utf-8")
    with CaptureQueriesContext(connection) as queries:
        call_command("import_article", str(retitled), verbosity=0)
    inserts = writes_per_table(queries, "INSERT INTO")
    departments = Statement.objects.filter(article__title="另一篇谈发展的文章").count()
    assert departments == 11
    assert inserts["commitments_commitment"] == departments
    assert inserts["commitments_historicalcommitment"] == departments
    # None where a department's commitments have no link or target of that kind.
    for table in ["commitments_commitment_themes", "commitments_commitmentgoal",
                  "commitments_target"]:
        assert 0 < inserts[table] <= departments, table
    assert Commitment.history.filter(history_type="+").count() == Commitment.objects.count()


def test_dry_run_prints_the_parse_as_json_and_writes_nothing(article_path, capsys):
    before = counts()
    call_command("import_article", str(article_path), "--dry-run", "--json")
    parse = json.loads(capsys.readouterr().out)
    assert counts() == before
    assert parse["article"]["source"] == "长江网"
    assert parse["article"]["published_at"].startswith("2020-12-22T07:08")
    assert len(parse["departments"]) == 11
    first = parse["departments"][0]
    assert first["name"] == "市扶贫办"
    assert first["official"] == {"name": "吴大志", "titles": ["党组书记", "主任"]}
    assert set(first["commitments"][0]) >= {"title", "text", "span", "themes", "goals", "targets"}


def test_edited_version_without_a_commitment_is_refused_unless_pruned(
    shared_article, article_path, tmp_path
):
    dropped = "  统计基础规范化。继续加强统计基层基础建设,巩固“四上”企业统计培训和统计台账两个“全覆盖”,提升统计工作能力和水平。\n\n"
    text = article_path.read_text(encoding="utf-8")
    assert dropped in text
    (tmp_path / "edited.txt").write_text(text.replace(dropped, ""), encoding="utf-8")
    before = counts()

    with pytest.raises(CommandError, match="lacks 1 stored commitment"):
        call_command("import_article", str(tmp_path / "edited.txt"), verbosity=0)
    assert counts() == before

    call_command("import_article", str(tmp_path / "edited.txt"), "--prune", verbosity=0)
    assert not Commitment.objects.filter(title="统计基础规范化").exists()
    assert Commitment.objects.count() == before["Commitment"] - 1


def test_a_commitment_inserted_in_an_edit_moves_the_later_ones_down(
    shared_article, article_path, tmp_path
):
    later = list(
        Commitment.objects.filter(department__name="市统计局", order__gte=3).order_by("order")
    )
    assert later[0].title == "统计基础规范化"
    later[0].update_status(status=Status.IN_PROGRESS, progress=30)
    inserted = "  统计口径统一化。编制全市统计指标目录,统一各部门统计口径。\n\n"
    text = article_path.read_text(encoding="utf-8")
    (tmp_path / "edited.txt").write_text(
        text.replace("  统计基础规范化。", inserted + "  统计基础规范化。", 1), encoding="utf-8"
    )

    call_command("import_article", str(tmp_path / "edited.txt"), verbosity=0)

    new = Commitment.objects.get(title="统计口径统一化")
    assert new.order == 3
    for before in later:
        moved = Commitment.objects.get(pk=before.pk)
        assert (moved.title, moved.order) == (before.title, before.order + 1)
        assert moved.version == before.version + 1  # its spans moved: an open form is stale
    assert Commitment.objects.get(pk=later[0].pk).progress == 30
    article = Article.objects.get()
    for commitment in Commitment.objects.filter(department__name="市统计局"):
        assert article.text[commitment.source_start:commitment.source_end] == commitment.text
