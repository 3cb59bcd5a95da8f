"""The review queue: who sees which suggestions, accepting and rejecting them, for each role."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from commitments.models import StatusUpdate, Target
from commitments.status import Review, Status
from evidence.importer import analyse, store
from evidence.models import (
    EvidenceDocument,
    Passage,
    RejectedPair,
    Suggestion,
    TargetObservation,
)

from ..factories import make_user
from ..admin_pages import login

REPORT = Path(__file__).resolve().parent.parent.parent / "fixtures/evidence/work-report-2026.txt"
DOCUMENT = "2025年,城镇新增就业25.3万人。经济责任审计实现重点市直单位全覆盖。"


@pytest.fixture
def queue(cast):
    document = EvidenceDocument.objects.create(
        title="2026年政府工作报告", text=DOCUMENT, sha256="0" * 64,
        source_url="https://www.wuhan.gov.cn/report.html", published_at=datetime.date(2026, 1, 12),
    )
    cut = DOCUMENT.index("。") + 1
    jobs = Passage.objects.create(document=document, start=0, end=cut, text=DOCUMENT[:cut])
    audit = Passage.objects.create(document=document, start=cut, end=len(DOCUMENT),
                                   text=DOCUMENT[cut:])
    cast.suggestion_a = Suggestion.objects.create(passage=jobs, commitment=cast.commitment_a,
                                                  score=12.5, numbers=[])
    cast.suggestion_b = Suggestion.objects.create(passage=audit, commitment=cast.commitment_b,
                                                  score=20.0, numbers=[])
    return cast


def review_url(suggestion):
    return reverse("admin:evidence_suggestion_review", args=[suggestion.pk])


ACCEPT = {"action": "status", "status": Status.IN_PROGRESS, "progress": 60,
          "reported_on": "2026-01-12"}


def assert_undecided(suggestion):
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.PENDING
    assert not StatusUpdate.objects.filter(commitment=suggestion.commitment).exists()
    assert not RejectedPair.objects.exists()


def test_anonymous_reader_is_sent_to_login_and_nothing_changes(client, queue):
    for method, data in [("get", None), ("post", ACCEPT), ("post", {"action": "reject"})]:
        response = getattr(client, method)(review_url(queue.suggestion_a), data)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    assert_undecided(queue.suggestion_a)


def test_editor_sees_only_their_departments_suggestions(client, queue):
    login(client, queue.editor_a)
    response = client.get(reverse("admin:evidence_suggestion_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [queue.suggestion_a]


def test_editor_of_another_department_is_refused_and_nothing_changes(client, queue):
    login(client, queue.editor_b)
    assert client.get(review_url(queue.suggestion_a)).status_code == 403
    assert client.post(review_url(queue.suggestion_a), ACCEPT).status_code == 403
    assert client.post(review_url(queue.suggestion_a), {"action": "reject"}).status_code == 403
    assert_undecided(queue.suggestion_a)


@pytest.mark.parametrize("who", ["editor_a", "superuser"])
def test_accepting_records_a_status_update_quoting_the_passage(client, queue, who):
    user = getattr(queue, who)
    login(client, user)
    page = client.get(review_url(queue.suggestion_a))
    assert page.status_code == 200
    assert "<mark" in page.content.decode() and "城镇新增就业25.3万人" in page.content.decode()
    assert client.post(review_url(queue.suggestion_a), ACCEPT).status_code == 302
    update = StatusUpdate.objects.get(commitment=queue.commitment_a)
    assert (update.status, update.progress, update.author) == (Status.IN_PROGRESS, 60, user)
    assert update.reported_on == datetime.date(2026, 1, 12)
    assert update.note == "《2026年政府工作报告》:2025年,城镇新增就业25.3万人。"
    assert update.evidence_url == "https://www.wuhan.gov.cn/report.html"
    queue.suggestion_a.refresh_from_db()
    assert (queue.suggestion_a.state, queue.suggestion_a.decided_by) == ("accepted", user)
    assert queue.suggestion_a.status_update == update
    queue.commitment_a.refresh_from_db()
    current = (queue.commitment_a.status, queue.commitment_a.progress)
    if who == "editor_a":  # review before publication: the editor's update waits for a reviewer
        assert update.review == Review.PENDING
        assert current == (Status.NOT_RATED, 0)
    else:
        assert update.review == Review.PUBLISHED
        assert current == (Status.IN_PROGRESS, 60)


def test_a_decided_suggestion_is_not_decided_twice(client, queue):
    login(client, queue.editor_a)
    client.post(review_url(queue.suggestion_a), ACCEPT)
    client.post(review_url(queue.suggestion_a), {"action": "reject"})
    assert StatusUpdate.objects.filter(commitment=queue.commitment_a).count() == 1
    assert not RejectedPair.objects.exists()
    queue.suggestion_a.refresh_from_db()
    assert queue.suggestion_a.state == "accepted"


def test_an_invalid_progress_is_refused_and_nothing_changes(client, queue):
    login(client, queue.editor_a)
    response = client.post(review_url(queue.suggestion_a), {**ACCEPT, "progress": 140})
    assert response.status_code == 400
    assert_undecided(queue.suggestion_a)


def test_accepting_as_a_figure_records_a_target_observation(client, queue):
    target = Target.objects.create(commitment=queue.commitment_a, text="新增就业20万人",
                                   kind="quantity", value=20, unit="万人", source_start=0,
                                   source_end=5)
    login(client, queue.editor_a)
    response = client.post(review_url(queue.suggestion_a), {
        "action": "observation", "target": target.pk, "value": "25.3", "unit": "万人",
        "observed_on": "2025-12-31",
    })
    assert response.status_code == 302
    observation = TargetObservation.objects.get()
    assert (observation.target, str(observation.value), observation.unit) == (target, "25.30", "万人")
    assert observation.document == queue.suggestion_a.passage.document
    assert observation.quote.endswith("城镇新增就业25.3万人。")
    assert observation.recorded_by == queue.editor_a


def test_a_rejected_pair_is_never_suggested_again(client, imported_article):
    call_command("import_evidence", str(REPORT), stdout=StringIO())
    rail = Suggestion.objects.filter(passage__text__contains="轨道交通").order_by("rank").first()
    commitment, sentence = rail.commitment, rail.passage.text
    login(client, make_user("root", is_staff=True, is_superuser=True))
    assert client.post(review_url(rail), {"action": "reject"}).status_code == 302
    assert RejectedPair.objects.filter(commitment=commitment).exists()

    republished = f"城市建设持续推进,全市新建城市道路120公里。\n{sentence}\n"
    document = store(analyse(republished))
    passage = document.passages.get(text=sentence)
    assert passage.suggestions.exists()
    assert not passage.suggestions.filter(commitment=commitment).exists()
