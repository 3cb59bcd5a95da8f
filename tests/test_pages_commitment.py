"""A commitment's page and its article's page: the source quoted exactly, everything escaped."""

import datetime
import re
from collections import namedtuple

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commitments.models import CommitmentGoal, Goal, Target
from commitments.status import Status
from commitments.templatetags.source_text import article_paragraphs, paragraph_around

from .factories import make_article, make_commitment, make_department, make_theme
from .pages import content

pytestmark = pytest.mark.django_db

Span = namedtuple("Span", "source_start source_end")

TEXT = (
    "市测试局局长张三:\n"
    "  第一段。加快推进乡村振兴,到2025年建成100个示范村。其后一句。\n"
    "  第二段<b>加粗</b>。\n"
)


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def commitment():
    article = make_article(text=TEXT)
    start = TEXT.index("加快")
    end = TEXT.index("其后")
    commitment = make_commitment(
        department=make_department(name="市测试局"),
        article=article,
        title="推进乡村振兴",
        source_start=start,
        source_end=end,
    )
    commitment.themes.add(make_theme(name="乡村振兴"))
    CommitmentGoal.objects.create(
        commitment=commitment, goal=Goal.objects.get(slug="economy"), keywords=["产业", "营商环境"]
    )
    target_start = TEXT.index("到2025年")
    Target.objects.create(
        commitment=commitment,
        text="到2025年建成100个示范村",
        kind=Target.Kind.QUANTITY,
        value=100,
        unit="个",
        year=2025,
        source_start=target_start,
        source_end=target_start + 14,
    )
    return commitment


def test_paragraph_around_splits_the_quote_from_its_paragraph():
    start, end = TEXT.index("加快"), TEXT.index("其后")
    assert paragraph_around(TEXT, start, end) == (
        "第一段。",
        "加快推进乡村振兴,到2025年建成100个示范村。",
        "其后一句。",
    )


def test_article_paragraphs_mark_each_span_once():
    second_start = TEXT.index("第二段")
    spans = [
        Span(TEXT.index("加快"), TEXT.index("其后")),
        Span(second_start, TEXT.index("。\n", second_start) + 1),
        Span(TEXT.index("乡村"), TEXT.index("其后")),  # overlaps the first: not marked twice
    ]
    paragraphs = article_paragraphs(TEXT, spans)
    assert [[s.text for s in p] for p in paragraphs] == [
        ["市测试局局长张三:"],
        ["  第一段。", "加快推进乡村振兴,到2025年建成100个示范村。", "其后一句。"],
        ["  ", "第二段<b>加粗</b>。"],
    ]
    assert [s.commitment for s in paragraphs[1]] == [None, spans[0], None]
    assert [s.commitment for s in paragraphs[2]] == [None, spans[1]]


def test_detail_shows_every_fact_of_the_commitment(client, commitment):
    html = html_of(client.get(commitment.get_absolute_url()))
    assert "<h1>推进乡村振兴</h1>" in html
    assert "市测试局" in html
    assert "党组书记、局长" in html and commitment.official.name in html
    assert "乡村振兴" in html
    assert "全国经济中心" in html and "<mark>产业</mark> <mark>营商环境</mark>" in html
    assert "到2025年建成100个示范村" in html and "数量目标" in html
    assert "2025-12-31" in html
    assert "待评估" in html and 'class="signal signal-' in html
    assert "尚未评估" in html  # 待评估 shows no progress, not 0 %
    assert "尚无进展记录" in html


def test_detail_quotes_the_exact_span_within_its_paragraph(client, commitment):
    html = html_of(client.get(commitment.get_absolute_url()))
    assert (
        "<p>第一段。<mark>加快推进乡村振兴,到2025年建成100个示范村。</mark>其后一句。</p>" in html
    )
    assert commitment.article.get_absolute_url() in html


def test_detail_shows_the_history_latest_first(client, commitment):
    commitment.update_status(
        status=Status.IN_PROGRESS,
        progress=30,
        note="已出台方案",
        reported_on=datetime.date(2022, 3, 1),
    )
    commitment.update_status(
        status=Status.PARTIAL,
        progress=60,
        note="建成60个",
        evidence_url="https://www.wuhan.gov.cn/x",
        reported_on=datetime.date(2024, 3, 1),
    )
    html = html_of(client.get(commitment.get_absolute_url()))
    assert html.index("2024-03-01") < html.index("2022-03-01")
    assert "建成60个" in html and "已出台方案" in html
    assert 'href="https://www.wuhan.gov.cn/x"' in html
    assert "部分完成" in html and "60%" in html


def test_markup_in_commitment_text_and_notes_is_escaped(client):
    article = make_article(
        text="市测试局局长张三:\n<script>alert(1)</script>加快<b>数字政府</b>。\n"
    )
    commitment = make_commitment(
        article=article,
        title="<i>数字政府</i>",
        source_start=0,
        source_end=len(article.text) - 1,
    )
    commitment.update_status(
        status=Status.IN_PROGRESS, progress=10, note="<img src=x onerror=alert(1)>"
    )
    for url in [commitment.get_absolute_url(), article.get_absolute_url(), "/commitments/", "/"]:
        html = html_of(client.get(url))
        assert "<script>alert(1)" not in html
        assert "<b>数字政府" not in html and "<i>数字政府" not in html
        assert "<img src=x" not in html
    detail = html_of(client.get(commitment.get_absolute_url()))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;加快&lt;b&gt;数字政府&lt;/b&gt;" in detail


def test_article_page_highlights_and_links_every_commitment(client, commitment):
    other_start = TEXT.index("第二段")
    other = make_commitment(
        department=commitment.department,
        article=commitment.article,
        title="第二段",
        source_start=other_start,
        source_end=TEXT.index("。\n", other_start) + 1,
    )
    html = html_of(client.get(commitment.article.get_absolute_url()))
    for item in [commitment, other]:
        assert f'<a class="commitment-span" href="{item.get_absolute_url()}"' in html
    assert "<mark>加快推进乡村振兴,到2025年建成100个示范村。</mark>" in html
    assert "<mark>第二段&lt;b&gt;加粗&lt;/b&gt;。</mark>" in html
    assert "第一段。" in html and "其后一句。" in html
    assert "2 项承诺" in html


def test_a_second_visit_is_served_from_the_cache(client, commitment, django_assert_num_queries):
    url = commitment.get_absolute_url()
    with CaptureQueriesContext(connection) as afresh:
        first = content(client, url)
    with django_assert_num_queries(1):  # the data version
        assert content(client, url) == first
    assert len(afresh) > 1


def test_a_status_update_shows_on_the_next_visit(client, commitment):
    url = commitment.get_absolute_url()
    assert "尚无进展记录" in content(client, url)
    commitment.update_status(status=Status.PARTIAL, progress=60, note="建成60个")
    page = content(client, url)
    assert "建成60个" in page and "部分完成" in page and "60%" in page
    assert "尚无进展记录" not in page


def test_an_unknown_commitment_is_looked_up_again_not_cached(client, commitment):
    url = f"/commitments/{commitment.pk + 1}/"
    assert client.get(url).status_code == 404
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).status_code == 404
    assert any("commitments_commitment" in query["sql"] for query in again)


def test_a_cached_commitment_page_carries_each_visitors_own_language_switch(client, commitment):
    url = commitment.get_absolute_url()
    client.get(url)
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = visitor.post(
        "/i18n/setlang/", {"language": "en", "next": url, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
