"""What readers see: accepted evidence and target against actual on a commitment's page, and a
document's page with the passages that informed commitments."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Target
from commitments.status import Status
from evidence.models import EvidenceDocument, Passage, Suggestion, TargetObservation

from ..factories import make_commitment, make_user

TEXT = "全年新建口袋公园120个。公园总数达到1260个。天气晴好。"


@pytest.fixture
def evidence(db):
    commitment = make_commitment(title="高品质建设公园绿地")
    reviewer = make_user(is_staff=True, is_superuser=True)
    document = EvidenceDocument.objects.create(
        title="市园林局2025年工作总结", text=TEXT, sha256="1" * 64,
        published_at=datetime.date(2026, 1, 8),
    )
    first = TEXT.index("。") + 1
    parks = Passage.objects.create(document=document, start=0, end=first, text=TEXT[:first])
    total = Passage.objects.create(document=document, start=first, end=TEXT.index("天"),
                                   text=TEXT[first:TEXT.index("天")])
    accepted = Suggestion.objects.create(passage=parks, commitment=commitment, score=20)
    accepted.accept_as_status(user=reviewer, status=Status.IN_PROGRESS, progress=70,
                              reported_on=datetime.date(2026, 1, 8),
                              evidence_url="https://example.org/summary.html")
    Suggestion.objects.create(passage=total, commitment=commitment, score=9)  # still pending
    pockets = Target.objects.create(commitment=commitment, text="建成口袋公园100个",
                                    kind="quantity", value=100, unit="个", source_start=0,
                                    source_end=5)
    green = Target.objects.create(commitment=commitment, text="绿地率达到40%", kind="quantity",
                                  value=40, unit="%", source_start=5, source_end=9)
    shown = Target.objects.create(commitment=commitment, text="公园总数达到2000个",
                                  kind="quantity", value=2000, unit="个", source_start=9,
                                  source_end=12)
    for target, value, unit, day in [
        (pockets, 80, "个", 1), (pockets, 120, "个", 8), (green, 30, "%", 8),
        (shown, 1260, "座", 8),
    ]:
        TargetObservation.objects.create(target=target, value=value, unit=unit,
                                         observed_on=datetime.date(2026, 1, day),
                                         quote="引述", document=document)
    return commitment, document, parks, total


def test_commitment_page_lists_accepted_evidence_and_target_against_actual(
    client, evidence, django_assert_max_num_queries
):
    commitment, document, parks, total = evidence
    with django_assert_max_num_queries(12):
        response = client.get(commitment.get_absolute_url())
    page = response.content.decode()
    assert "全年新建口袋公园120个。" in page
    assert f'href="{document.get_absolute_url()}#passage-{parks.pk}"' in page
    assert "公园总数达到1260个" not in page.split("佐证文件")[-1]  # pending: not shown
    rows = response.context["evidence"]["target_rows"]
    assert [(r["target"].text, r["actual"].value) for r in rows] == [
        ("建成口袋公园100个", 120), ("绿地率达到40%", 30), ("公园总数达到2000个", 1260),
    ]
    # min(100, 120/100×100) = 100 and 30/40×100 = 75; 座 is not 个, so the third is left out.
    assert response.context["evidence"]["computed_progress"] == round((100 + 75) / 2)
    assert "按指标测算" in page and "88%" in page


def test_deleting_a_document_takes_its_quote_off_the_cached_commitment_page(client, evidence):
    commitment, document, parks, total = evidence
    link = f'href="{document.get_absolute_url()}#passage-{parks.pk}"'
    assert link in client.get(commitment.get_absolute_url()).content.decode()
    document.delete()  # the status update it informed stays, with its note: the record is kept
    assert link not in client.get(commitment.get_absolute_url()).content.decode()


def test_commitment_page_without_evidence_says_so(client, db, django_assert_max_num_queries):
    commitment = make_commitment()
    with django_assert_max_num_queries(12):
        page = client.get(commitment.get_absolute_url()).content.decode()
    assert "尚无经审核的佐证文件" in page
    assert "按指标测算" not in page


def test_document_page_highlights_the_passages_that_informed_commitments(
    client, evidence, django_assert_max_num_queries
):
    commitment, document, parks, total = evidence
    with django_assert_max_num_queries(4):
        response = client.get(reverse("evidence:document", args=[document.pk]))
    page = response.content.decode()
    assert f'<mark id="passage-{parks.pk}" class="evidence-passage">全年新建口袋公园120个。</mark>' in page
    assert f'id="passage-{total.pk}"' not in page
    assert f'href="{commitment.get_absolute_url()}"' in page
    assert "天气晴好。" in page


def test_an_unknown_document_is_not_found(client, db):
    assert client.get(reverse("evidence:document", args=[999])).status_code == 404
