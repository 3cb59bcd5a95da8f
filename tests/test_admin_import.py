"""上传文章 in the admin: permission, a preview that writes nothing, a confirmation that stores the
previewed text only, and the command's refusals shown as form errors with every table unchanged."""

import re

import pytest
from django.utils import translation
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from commitments import admin_import, importer
from commitments.models import Article, Commitment, Statement
from commitments.parsing import THEMES

from .factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese():
    """The refusals name columns in the UI language; an earlier test may have left another active."""
    with translation.override("zh-hans"):
        yield

URL = reverse("admin:commitments_article_import")
PLAN_OUTLINE = (
    "武汉市国民经济和社会发展第十四个五年规划纲要\n\n目录\n\n第一章 发展基础\n\n"
    "第一节 “十三五”发展成就\n\n第二节 面临的形势\n\n第二章 总体要求\n\n"
    "第一节 指导思想\n\n  坚持稳中求进工作总基调,推动高质量发展。\n"
)


def every_row():
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def importer_user():
    user = make_user("importer", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="import_article", content_type__app_label="commitments"),
        Permission.objects.get(codename="view_article", content_type__app_label="commitments"),
    )
    return user


@pytest.fixture
def staff(importer_user):
    return client_for(importer_user)


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def preview(staff, article_path):
    response = staff.post(URL, {"file": upload("article.txt", article_path.read_bytes())})
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


def test_staff_with_the_permission_and_superusers_see_the_form(staff):
    response = staff.get(URL)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()
    assert "csrfmiddlewaretoken" in response.content.decode()
    changelist = staff.get(reverse("admin:commitments_article_changelist"))
    assert URL in changelist.content.decode()
    root = client_for(make_user("root", is_staff=True, is_superuser=True))
    assert root.get(URL).status_code == 200


def test_the_preview_shows_the_parse_and_writes_nothing(staff, article_path):
    before = every_row()
    response = preview(staff, article_path)
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


def test_pasted_text_previews_too(staff, article_path):
    response = staff.post(URL, {"text": article_path.read_text(encoding="utf-8")})
    assert response.status_code == 200
    assert "孙志军" in response.content.decode()


def test_confirming_stores_the_article_in_one_go(staff, importer_user, article_path):
    payload = payload_of(preview(staff, article_path))
    response = staff.post(URL, {"payload": payload})
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
    assert staff.post(URL, {"payload": payload}).status_code == 302
    assert every_row() == before


def test_an_edited_payload_is_refused(staff, article_path):
    payload = payload_of(preview(staff, article_path))
    before = every_row()
    position = len(payload) // 3
    edited = payload[:position] + ("A" if payload[position] != "A" else "B") + payload[position + 1:]
    response = staff.post(URL, {"payload": edited})
    assert response.status_code == 400
    assert "已过期或已被改动" in response.content.decode()
    assert every_row() == before


def test_a_forged_payload_with_other_text_is_refused(staff, importer_user, article_path):
    preview(staff, article_path)
    other = article_path.read_text(encoding="utf-8").replace("孙志军", "李某某")
    forged = signing.dumps(
        {"raw": other, "filename": None, "city": "", "prune": False, "user": importer_user.pk},
        salt="another salt",
        compress=True,
    )
    before = every_row()
    for payload in (forged, "", "not-a-token"):
        response = staff.post(URL, {"payload": payload})
        assert response.status_code == 400
        assert every_row() == before


def test_another_users_preview_cannot_be_confirmed(staff, article_path):
    payload = payload_of(preview(staff, article_path))
    other = make_user("other", is_staff=True)
    other.user_permissions.add(Permission.objects.get(codename="import_article"))
    response = client_for(other).post(URL, {"payload": payload})
    assert response.status_code == 400
    assert Article.objects.count() == 0


def test_an_expired_preview_is_refused(staff, article_path, monkeypatch):
    payload = payload_of(preview(staff, article_path))
    monkeypatch.setattr(admin_import, "PREVIEW_MAX_AGE", -1)
    assert staff.post(URL, {"payload": payload}).status_code == 400
    assert Article.objects.count() == 0


def test_posts_need_the_csrf_token(importer_user, article_path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(importer_user)
    response = client.post(URL, {"text": article_path.read_text(encoding="utf-8")})
    assert response.status_code == 403


def hundred_thousand_lines(article_path):
    text = article_path.read_text(encoding="utf-8")
    return (text + "\n".join(f"  要推进第{i}项工作。" for i in range(100_000))).encode()


@pytest.mark.parametrize(
    "data, message",
    [
        pytest.param(lambda path: {}, "请上传文章文件,或粘贴文章原文", id="nothing"),
        pytest.param(lambda path: {"text": "   \n  "}, "请上传文章文件,或粘贴文章原文", id="blank"),
        pytest.param(lambda path: {"file": upload("empty.txt", b"")}, "", id="empty-file"),
        pytest.param(
            lambda path: {"file": upload("a.bin", bytes(range(256)) * 64)}, "", id="binary"
        ),
        pytest.param(
            lambda path: {"file": upload("big.txt", b"\xe5\x99\xaa" * (2 * 1024 * 1024))},
            "5 MB",
            id="huge",
        ),
        pytest.param(
            lambda path: {"file": upload("lines.txt", hundred_thousand_lines(path))},
            "行文字",
            id="hundred-thousand-lines",
        ),
        pytest.param(lambda path: {"text": PLAN_OUTLINE}, "", id="plan-outline"),
        pytest.param(
            lambda path: {"text": "正文", "file": upload("a.txt", path.read_bytes())},
            "不要同时提供",
            id="both",
        ),
    ],
)
def test_bad_input_is_refused_as_a_form_error(staff, imported_article, article_path, data, message):
    before = every_row()
    response = staff.post(URL, data(article_path))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="errorlist nonfield"' in page
    assert message in page
    assert "payload" not in page
    assert every_row() == before


def test_a_refusal_at_confirmation_leaves_every_table_as_it_was(staff, article_path, tmp_path):
    """A truncated version of a stored article: previewed, then refused when stored."""
    payload = payload_of(preview(staff, article_path))
    staff.post(URL, {"payload": payload})
    text = article_path.read_text(encoding="utf-8")
    truncated = preview_text(staff, text[: len(text) // 2])
    before = every_row()
    response = staff.post(URL, {"payload": payload_of(truncated)})
    assert response.status_code == 400
    assert "may be truncated" in response.content.decode()
    assert "请勾选“允许删除新版本中不再出现的承诺”" in response.content.decode()
    assert every_row() == before


def test_a_shorter_version_is_stored_when_pruning_is_chosen(staff, article_path):
    staff.post(URL, {"payload": payload_of(preview(staff, article_path))})
    text = article_path.read_text(encoding="utf-8")
    cut = text.index("  市统计局")
    response = staff.post(URL, {"text": text[:cut], "prune": "on"})
    assert response.status_code == 200
    assert staff.post(URL, {"payload": payload_of(response)}).status_code == 302
    assert not Statement.objects.filter(department__name="市统计局").exists()
    assert Statement.objects.filter(department__name="市审计局").exists()


def preview_text(staff, text):
    response = staff.post(URL, {"text": text})
    assert response.status_code == 200
    return response


def test_the_preview_shows_baselines_apart_from_targets(staff, article_path, monkeypatch):
    def read_with_a_baseline(raw, filename=None, city=None):
        parsed = importer.read_article(raw, filename=filename, city=city)
        target = next(t for d in parsed.departments for c in d.commitments for t in c.targets)
        target.kind = "baseline"
        parsed.warnings = ["文章在“余力军”一段处结束,可能不完整。"]
        read_with_a_baseline.text = target.text
        return parsed

    monkeypatch.setattr(admin_import, "read_article", read_with_a_baseline)
    page = preview(staff, article_path).content.decode()
    baselines = re.search(r'<ul class="baselines">(.*?)</ul>', page, re.S)[1]
    assert f"基数:{read_with_a_baseline.text}" in baselines
    assert "文章在“余力军”一段处结束,可能不完整。" in page


def test_pasted_text_beyond_the_request_limit_is_a_400_not_a_500(staff, imported_article, settings):
    before = every_row()
    response = staff.post(URL, {"text": "噪" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2)})
    assert response.status_code == 400
    assert every_row() == before
