"""The database refuses what must never be stored, whatever code path writes it."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from commitments.models import Commitment, Goal, StatusUpdate, Theme
from departments.models import Department

from .factories import make_commitment, make_department, make_theme

pytestmark = pytest.mark.django_db


def assert_refused(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_commitment_progress_outside_0_100_is_refused():
    commitment = make_commitment()
    assert_refused(lambda: Commitment.objects.filter(pk=commitment.pk).update(progress=101))


def test_status_update_progress_outside_0_100_is_refused():
    commitment = make_commitment()
    assert_refused(
        lambda: StatusUpdate.objects.create(commitment=commitment, status="done", progress=150)
    )


def test_status_outside_vocabulary_is_refused():
    commitment = make_commitment()
    assert_refused(lambda: Commitment.objects.filter(pk=commitment.pk).update(status="finished"))


def test_span_ending_before_it_starts_is_refused():
    commitment = make_commitment()
    assert_refused(
        lambda: Commitment.objects.filter(pk=commitment.pk).update(source_start=10, source_end=5)
    )


def test_duplicate_department_slug_is_refused():
    make_department(name="市审计局", slug="audit")
    assert_refused(lambda: Department.objects.create(name="市审计厅", slug="audit"))


def test_duplicate_theme_slug_is_refused():
    make_theme(slug="audit")
    assert_refused(lambda: Theme.objects.create(slug="audit", name="审计", name_en="Audit"))


def test_department_slug_is_derived_from_its_name():
    assert make_department(name="市审计局").slug == "审计局"


def test_the_five_centres_exist_after_migrate():
    goals = {g.slug: (g.name, g.name_en) for g in Goal.objects.all()}
    assert goals == {
        "economy": ("全国经济中心", "National Economic Centre"),
        "innovation": ("国家科技创新中心", "National Science & Technology Innovation Centre"),
        "trade-logistics": ("国家商贸物流中心", "National Commerce & Logistics Centre"),
        "international": ("国际交往中心", "International Exchange Centre"),
        "finance": ("区域金融中心", "Regional Financial Centre"),
    }


def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
