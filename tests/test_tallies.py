"""Progress tallies: whatever writes the data, the figures they give equal a count of the
commitments themselves, and every write reaches them and the data version through one seam."""

import datetime
import random

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Avg, Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.account import account
from commitments.models import (
    Article,
    Commitment,
    CommitmentGoal,
    Goal,
    Plan,
    ProgressTally,
    StatusUpdate,
    Theme,
)
from commitments.status import Status
from commitments.tally import ALL
from departments.models import Department
from pagecache import changes
from pagecache.models import DataVersion

from .dashboard_data import make_dashboard
from .factories import make_department, make_official, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def dashboard():
    return make_dashboard(departments=3, per_department=6)


def assert_tallies_count_the_commitments():
    assert ProgressTally.stored() == ProgressTally.counted_afresh()


def assert_figures_equal_a_scan(plan=None):
    """What the pages read from the tallies equals what a scan of the commitments gives."""
    today = timezone.localdate()
    commitments = Commitment.objects.for_plan(plan)
    tallies = ProgressTally.objects.for_plan(plan)
    summary = commitments.progress_summary(today)
    tallied = tallies.of_commitments().summary(today)
    assert {k: summary[k] for k in tallied} == pytest.approx(tallied)
    assert figures(tallies.by_goal()) == scanned(commitments, "goals", Goal)
    assert figures(tallies.of_commitments().by_department()) == scanned(
        commitments, "department", Department
    )
    assert rounded(*tallies.account()) == rounded(*account(commitments))
    for goal in Goal.objects.all():
        summary = commitments.for_goal(goal).progress_summary(today)
        tallied = tallies.of_goal(goal).summary()
        assert {k: summary[k] for k in tallied} == pytest.approx(tallied)
        assert figures(tallies.of_goal(goal).by_department()) == scanned(
            commitments.for_goal(goal), "department", Department
        )
    for department in Department.objects.all():
        mine = tallies.for_department(department)
        assert figures(mine.by_theme()) == scanned(
            commitments.for_department(department), "themes", Theme
        )


def rounded(totals, rows):
    """The account with its mean progress rounded: SQL and Python divide alike only so far."""
    return [
        {**row, "mean_progress": row["mean_progress"] and round(row["mean_progress"], 6)}
        for row in [totals, *rows]
    ]


def figures(items):
    return [(item.pk, item.commitment_count, pytest.approx(item.mean_progress)) for item in items]


def scanned(commitments, field, model):
    """Each `model` row with the count and mean progress of `commitments` grouped by `field`."""
    rows = {
        key: (count, mean)
        for key, count, mean in commitments.order_by()
        .values_list(field)
        .annotate(count=Count("*"), mean=Avg("progress"))
    }
    return [
        (item.pk, count, pytest.approx(mean or 0.0))
        for item in model.objects.all()
        for count, mean in [rows.get(item.pk, (0, 0.0))]
    ]


def version_after(write):
    before = DataVersion.current()
    write()
    return DataVersion.current() != before


# The seam: each way the ORM writes changes the version and keeps the tallies in step.


def test_a_queryset_update_reaches_the_version_and_the_tallies(dashboard):
    assert version_after(
        lambda: Commitment.objects.filter(department=dashboard.departments[0]).update(
            status=Status.DONE, progress=100
        )
    )
    assert_tallies_count_the_commitments()
    assert ProgressTally.objects.of_commitments().summary(timezone.localdate())["status_done"] >= 6


def test_an_update_moving_commitments_to_another_department_recounts_both(dashboard):
    first, second = dashboard.departments[:2]
    Commitment.objects.filter(department=first).update(department=second)
    assert_tallies_count_the_commitments()
    assert not ProgressTally.objects.for_department(first).exists()


def test_bulk_create_reaches_the_version_and_the_tallies(dashboard):
    commitment = dashboard.commitments[0]
    goal = Goal.objects.exclude(commitments=commitment).first()
    assert version_after(
        lambda: CommitmentGoal.objects.bulk_create([CommitmentGoal(commitment=commitment, goal=goal)])
    )
    assert_tallies_count_the_commitments()


def test_a_queryset_delete_reaches_the_version_and_the_tallies(dashboard):
    doomed = Commitment.objects.filter(department=dashboard.departments[0])
    assert version_after(lambda: doomed.delete())
    assert_tallies_count_the_commitments()
    assert not ProgressTally.objects.for_department(dashboard.departments[0]).exists()


def test_a_save_reaches_the_version_and_the_tallies(dashboard):
    commitment = Commitment.objects.get(pk=dashboard.commitments[0].pk)
    commitment.status, commitment.progress = Status.STALLED, 3
    assert version_after(commitment.save)
    assert_tallies_count_the_commitments()


def test_a_save_of_fields_the_tallies_do_not_count_writes_no_tally(dashboard):
    commitment = Commitment.objects.get(pk=dashboard.commitments[0].pk)
    commitment.title = "新标题"
    with CaptureQueriesContext(connection) as queries:
        assert version_after(lambda: commitment.save(update_fields=["title"]))
    assert not [q for q in queries if ProgressTally._meta.db_table in q["sql"]]


def test_links_added_removed_and_cleared_from_either_side_reach_the_tallies(dashboard):
    commitment, theme = dashboard.commitments[0], Theme.objects.last()
    for write in (
        lambda: commitment.themes.add(theme),
        lambda: theme.commitments.remove(commitment),
        lambda: theme.commitments.add(*dashboard.commitments[:4]),
        lambda: theme.commitments.clear(),
        lambda: Commitment.themes.through.objects.filter(commitment=commitment).delete(),
    ):
        assert version_after(write)
        assert_tallies_count_the_commitments()


def test_a_batch_bumps_the_version_and_recounts_once_at_its_end(dashboard):
    with CaptureQueriesContext(connection) as queries, changes.batch():
        for commitment in Commitment.objects.filter(pk__in=[c.pk for c in dashboard.commitments]):
            commitment.update_status(status=Status.IN_PROGRESS, progress=50)
    table = DataVersion._meta.db_table
    assert len([q for q in queries if q["sql"].startswith("UPDATE") and table in q["sql"]]) == 1
    assert_tallies_count_the_commitments()


def test_a_batch_that_fails_changes_nothing(dashboard):
    before = DataVersion.current(), ProgressTally.stored()
    with pytest.raises(ZeroDivisionError), changes.batch():
        Commitment.objects.update(status=Status.DONE, progress=100)
        1 / 0  # noqa: B018
    assert (DataVersion.current(), ProgressTally.stored()) == before


def test_a_deletion_that_cascades_to_many_links_recounts_once(dashboard):
    table = ProgressTally._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        Goal.objects.get(slug="economy").delete()
    assert len([q for q in queries if q["sql"].startswith(f'INSERT INTO "{table}"')]) == 1
    assert_tallies_count_the_commitments()


def test_tracking_a_model_whose_queryset_cannot_report_is_refused():
    with pytest.raises(ImproperlyConfigured, match="TrackedQuerySet"):
        changes.track(DataVersion)


# Every kind of write, each followed by the figures the pages read.


def test_status_updates_reviews_and_withdrawals_keep_the_figures(dashboard, settings):
    settings.PLANWATCH_REVIEW_UPDATES = True
    editor, reviewer = make_user(), make_user(is_superuser=True, is_staff=True)
    commitment = dashboard.commitments[1]
    pending = commitment.update_status(status=Status.DONE, progress=100, author=editor)
    assert_figures_equal_a_scan()
    pending.approve(reviewer)
    assert_figures_equal_a_scan()
    published = commitment.update_status(status=Status.STALLED, progress=20)
    published.withdraw(reviewer, "报错了")
    assert_figures_equal_a_scan()
    assert_figures_equal_a_scan(Plan.objects.get(slug="wuhan-14th"))


def test_a_correction_of_the_due_date_keeps_the_overdue_count(dashboard):
    commitment = Commitment.objects.get(pk=dashboard.commitments[2].pk)
    commitment.update_status(status=Status.IN_PROGRESS, progress=10)
    commitment.refresh_from_db()
    commitment.due_date = timezone.localdate() - datetime.timedelta(days=3)
    commitment.save(update_fields=["due_date"])
    commitment.amend(field="due_date", old="", new=str(commitment.due_date), reason="调整", author=None)
    assert_figures_equal_a_scan()


def test_attaching_an_article_to_another_plan_moves_its_figures(dashboard):
    article = dashboard.commitments[0].article
    Plan.objects.attach(article, Plan.objects.get(slug="wuhan-15th"))
    assert_figures_equal_a_scan(Plan.objects.get(slug="wuhan-15th"))
    assert_figures_equal_a_scan(Plan.objects.get(slug="wuhan-14th"))
    Article.objects.filter(pk=article.pk).update(plan=None)
    assert_figures_equal_a_scan()


def test_deleting_a_goal_a_theme_and_a_commitment_cascades_to_the_figures(dashboard):
    Goal.objects.get(slug="economy").delete()
    Theme.objects.filter(commitments__isnull=False).first().delete()
    dashboard.commitments[0].delete()
    assert_figures_equal_a_scan()


def test_a_commitment_moved_to_another_department_leaves_the_first(dashboard):
    commitment = Commitment.objects.get(pk=dashboard.commitments[0].pk)
    other = make_department()
    commitment.department, commitment.official = other, make_official(other)
    commitment.save()
    assert_figures_equal_a_scan()


def test_an_import_and_its_reimport_keep_the_figures(imported_article, article_path):
    assert ProgressTally.objects.exists()
    assert_figures_equal_a_scan()
    call_command("import_article", str(article_path), "--plan", "wuhan-15th", verbosity=0)
    assert_figures_equal_a_scan(Plan.objects.get(slug="wuhan-15th"))


def test_generated_data_keeps_the_figures(monkeypatch):
    from bench.demo import generate

    monkeypatch.setattr("bench.demo.analyze", lambda: None)
    generate(departments=3, commitments=60, updates=90, seed=2)
    generate(departments=1, commitments=30, updates=40, seed=3, clear=True)
    assert_figures_equal_a_scan()


def test_rebuild_tallies_repairs_what_raw_sql_left_behind(dashboard):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ProgressTally._meta.db_table}")
    before = DataVersion.current()
    call_command("rebuild_tallies", verbosity=0)
    assert DataVersion.current() != before
    assert_figures_equal_a_scan()


def test_a_restore_recounts_the_restored_commitments(tmp_path, dashboard):
    backup = tmp_path / "planwatch.json"
    call_command("backup_data", str(backup), verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as tests/test_backup.py explains
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("restore_data", str(backup), "--replace", verbosity=0)
    assert ProgressTally.objects.exists()
    assert_figures_equal_a_scan()


@pytest.mark.parametrize("seed", range(4))
def test_any_sequence_of_writes_keeps_the_figures(dashboard, seed):
    """Random writes of every kind, checked against a recount after each."""
    rng = random.Random(seed)
    goals, themes = list(Goal.objects.all()), list(Theme.objects.all())
    plans = [None, *Plan.objects.all()]

    def pick():
        return rng.choice(list(Commitment.objects.all()))

    def record():
        status = rng.choice([Status.IN_PROGRESS, Status.DONE, Status.STALLED, Status.ABANDONED])
        progress = {Status.DONE: 100, Status.IN_PROGRESS: rng.randint(1, 99)}.get(status, 0)
        pick().update_status(status=status, progress=progress)

    writes = [
        record,
        lambda: pick().goal_links.all().delete(),
        lambda: CommitmentGoal.objects.get_or_create(commitment=pick(), goal=rng.choice(goals)),
        lambda: pick().themes.set(rng.sample(themes, 2)),
        lambda: Article.objects.filter(pk=pick().article_id).update(plan=rng.choice(plans)),
        lambda: Commitment.objects.filter(pk=pick().pk).update(
            due_date=datetime.date(2022, 1, 1), status=Status.STALLED, progress=5
        ),
        lambda: Commitment.objects.filter(pk=pick().pk).update(
            department=rng.choice(dashboard.departments)
        ),
        lambda: StatusUpdate.objects.filter(commitment=pick()).delete(),
        lambda: pick().delete(),
    ]
    for _ in range(25):
        with transaction.atomic():
            rng.choice(writes)()
        assert_tallies_count_the_commitments()
    assert_figures_equal_a_scan()


def test_a_full_recount_gives_what_the_writes_kept(dashboard):
    kept = ProgressTally.stored()
    ProgressTally.recount(ALL)
    assert ProgressTally.stored() == kept
