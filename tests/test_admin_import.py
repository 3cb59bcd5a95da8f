"""上传文章 in the admin: permission, a preview that writes nothing, a confirmation that stores the
previewed text only, and refusals at confirmation with every table unchanged (the form's refusals
of bad input: test_admin_import_refusals.py)."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import signing
from django.test import Client
from django.urls import reverse

from commitments import admin_import, importer
from commitments.models import Article, Commitment, Statement
from commitments.parsing import THEMES

from .admin_pages import client_for, upload
from .factories import make_user
from .snapshots import every_row

pytestmark = pytest.mark.django_db


URL = reverse("admin:commitments_article_import")


def preview(importer_client, article_path):
    response = importer_client.post(URL, {"file": upload("article.txt", article_path.read_bytes())})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def payload_of(response):
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode())[1]


def test_anonymous_is_sent_to_the_login_page():
    response = Client().get(URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_without_the_permission_is_refused():
    user = make_user("viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = client_for(user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"text": "任何内容"}).status_code == 403
    changelist = client.get(reverse("admin:commitments_article_changelist"))
    assert URL not in changelist.content.decode()


def test_staff_with_the_permission_and_superusers_see_the_form(importer_client):
    response = importer_client.get(URL)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()
    assert "csrfmiddlewaretoken" in response.content.decode()
    changelist = importer_client.get(reverse("admin:commitments_article_changelist"))
    assert URL in changelist.content.decode()
    root = client_for(make_user("root", is_staff=True, is_superuser=True))
    assert root.get(URL).status_code == 200


def test_the_preview_shows_the_parse_and_writes_nothing(importer_client, article_path):
    before = every_row()
    response = preview(importer_client, article_path)
    assert every_row() == before
    page = response.content.decode()
    assert "市人力资源和社会保障局" in page and "孙志军" in page
    assert "党组书记、局长" in page
    assert "为建设现代化大武汉尽职尽责、善作善成" in page
    assert "千方百计稳定和扩大就业" in page
    assert "11 个部门" in page
    parsed = importer.read_article(article_path.read_bytes())
    count = sum(len(block.commitments) for block in parsed.departments)
    assert f"{count} 条承诺" in page
    # Every commitment is highlighted in the text, numbered.
    numbers = set(re.findall(r'<mark class="commitment-span"[^>]*>.*?<sup>(\d+)</sup></mark>', page))
    assert numbers == {str(n) for n in range(1, count + 1)}
    assert "300米" in page  # a target
    employment = next(theme for theme in THEMES if theme.slug == "employment")
    assert re.search(rf'class="themes">\([^)]*{employment.name}', page)
    assert "employment" not in page
    assert "确认导入" in page


def test_pasted_text_previews_too(importer_client, article_path):
    response = importer_client.post(URL, {"text": article_path.read_text(encoding="utf-8")})
    assert response.status_code == 200
    assert "孙志军" in response.content.decode()


def test_confirming_stores_the_article_in_one_go(importer_client, importer_user, article_path):
    payload = payload_of(preview(importer_client, article_path))
    response = importer_client.post(URL, {"payload": payload})
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:commitments_article_change", args=[article.pk])
    assert article.text == importer.read_article(article_path.read_bytes()).text
    assert Statement.objects.count() == 11
    assert Commitment.objects.filter(title="千方百计稳定和扩大就业").exists()
    # The audit trail says who imported each commitment.
    created = Commitment.history.filter(history_type="+")
    assert created.count() == Commitment.objects.count()
    assert {row.history_user for row in created} == {importer_user}
    # Confirming the same preview again changes nothing.
    before = every_row()
    assert importer_client.post(URL, {"payload": payload}).status_code == 302
    assert every_row() == before


def test_an_edited_payload_is_refused(importer_client, article_path):
    payload = payload_of(preview(importer_client, article_path))
    before = every_row()
    position = len(payload) // 3
    edited = payload[:position] + ("A" if payload[position] != "A" else "B") + payload[position + 1:]
    response = importer_client.post(URL, {"payload": edited})
    assert response.status_code == 400
    assert "已过期或已被改动" in response.content.decode()
    assert every_row() == before


def test_a_forged_payload_with_other_text_is_refused(importer_client, importer_user, article_path):
    preview(importer_client, article_path)
    other = article_path.read_text(encoding="utf-8").replace("孙志军", "李某某")
    forged = signing.dumps(
        {"raw": other, "filename": None, "city": "", "prune": False, "user": importer_user.pk},
        salt="another salt",
        compress=True,
    )
    before = every_row()
    for payload in (forged, "", "not-a-token"):
        response = importer_client.post(URL, {"payload": payload})
        assert response.status_code == 400
        assert every_row() == before


def test_another_users_preview_cannot_be_confirmed(importer_client, article_path):
    payload = payload_of(preview(importer_client, article_path))
    other = make_user("other", is_staff=True)
    other.user_permissions.add(Permission.objects.get(codename="import_article"))
    response = client_for(other).post(URL, {"payload": payload})
    assert response.status_code == 400
    assert Article.objects.count() == 0


def test_an_expired_preview_is_refused(importer_client, article_path, monkeypatch):
    payload = payload_of(preview(importer_client, article_path))
    monkeypatch.setattr(admin_import, "PREVIEW_MAX_AGE", -1)
    assert importer_client.post(URL, {"payload": payload}).status_code == 400
    assert Article.objects.count() == 0


def test_posts_need_the_csrf_token(importer_user, article_path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(importer_user)
    response = client.post(URL, {"text": article_path.read_text(encoding="utf-8")})
    assert response.status_code == 403


def test_a_refusal_at_confirmation_leaves_every_table_as_it_was(
    importer_client, article_path, tmp_path
):
    """A truncated version of a stored article: previewed, then refused when stored."""
    payload = payload_of(preview(importer_client, article_path))
    importer_client.post(URL, {"payload": payload})
    text = article_path.read_text(encoding="utf-8")
    truncated = preview_text(importer_client, text[: len(text) // 2])
    before = every_row()
    response = importer_client.post(URL, {"payload": payload_of(truncated)})
    assert response.status_code == 400
    assert "may be truncated" in response.content.decode()
    assert "请勾选“允许删除新版本中不再出现的承诺”" in response.content.decode()
    assert every_row() == before


def test_a_shorter_version_is_stored_when_pruning_is_chosen(importer_client, article_path):
    importer_client.post(URL, {"payload": payload_of(preview(importer_client, article_path))})
    text = article_path.read_text(encoding="utf-8")
    cut = text.index("  市统计局")
    response = importer_client.post(URL, {"text": text[:cut], "prune": "on"})
    assert response.status_code == 200
    assert importer_client.post(URL, {"payload": payload_of(response)}).status_code == 302
    assert not Statement.objects.filter(department__name="市统计局").exists()
    assert Statement.objects.filter(department__name="市审计局").exists()


def preview_text(importer_client, text):
    response = importer_client.post(URL, {"text": text})
    assert response.status_code == 200
    return response


def test_the_preview_shows_baselines_apart_from_targets(importer_client, article_path, monkeypatch):
    def read_with_a_baseline(raw, filename=None, city=None):
        parsed = importer.read_article(raw, filename=filename, city=city)
        target = next(t for d in parsed.departments for c in d.commitments for t in c.targets)
        target.kind = "baseline"
        parsed.warnings = ["文章在“余力军”一段处结束,可能不完整。"]
        read_with_a_baseline.text = target.text
        return parsed

    monkeypatch.setattr(admin_import, "read_article", read_with_a_baseline)
    page = preview(importer_client, article_path).content.decode()
    baselines = re.search(r'<ul class="baselines">(.*?)</ul>', page, re.S)[1]
    assert f"基数:{read_with_a_baseline.text}" in baselines
    assert "文章在“余力军”一段处结束,可能不完整。" in page
