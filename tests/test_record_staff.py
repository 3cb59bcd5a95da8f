"""What staff see: a 403 that says why, readable history, Chinese admin text, their own list."""

import datetime
import html as html_module
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from commitments.status import Status

from .admin_pages import change_form_data, change_url, login
from .admin_pages import UPDATE, record_url

CHANGELIST = reverse("admin:commitments_commitment_changelist")


def text_of(response):
    page = re.sub(r"<script.*?</script>|<style.*?</style>|<svg.*?</svg>", "",
                  response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_403_page_says_why_and_offers_a_way_back(client, cast):
    login(client, cast.editor_b)
    response = client.post(record_url(cast.commitment_a), UPDATE)
    assert response.status_code == 403
    page = response.content.decode()
    assert "无权进行此操作" in page and "planwatch.css" in page
    assert "“稳定和扩大就业”属于市人力资源和社会保障局" in page
    assert f'href="{reverse("admin:index")}"' in page and "返回管理首页" in page


def test_403_on_an_editors_commitment_edit_explains_the_rule(client, cast):
    login(client, cast.superuser)
    data = change_form_data(client.get(change_url(cast.commitment_a)))
    login(client, cast.editor_a)
    response = client.post(change_url(cast.commitment_a), {**data, "due_date": "2030-12-31"})
    assert response.status_code == 403
    assert "只有审核人员可以修改承诺的截止日期" in response.content.decode()


def test_history_shows_labels_not_codes_and_no_none(client, cast):
    cast.commitment_a.update_status(
        status=Status.PARTIAL, progress=60, reported_on=datetime.date(2023, 1, 1)
    )
    login(client, cast.superuser)
    url = reverse("admin:commitments_commitment_history", args=[cast.commitment_a.pk])
    text = text_of(client.get(url))
    assert "状态： 待评估 → 部分完成" in text
    assert "查看历史记录：稳定和扩大就业" in text
    assert "not_rated" not in text and "partial" not in text
    assert "None" not in text and "Changes" not in text
    assert "登记进展 #" in text


@pytest.mark.parametrize(
    "url", ["/admin/", CHANGELIST, "change", "/admin/commitments/statusupdate/"]
)
def test_admin_pages_speak_chinese(client, cast, url):
    login(client, cast.superuser)
    if url == "change":
        url = change_url(cast.commitment_a)
    text = text_of(client.get(url))
    for english in ["Axes", "Access attempts", "Loaded version", "Changes", "Model name",
                    "Add link"]:
        assert english not in text
    if url == "/admin/":
        assert "登录保护" in text and "登录尝试" in text


ADMIN_SCRIPTS = Path(admin.__file__).parent / "static" / "admin" / "js"


def admin_script_messages():
    """What the admin's own scripts (not the libraries it vendors) pass to gettext and ngettext:
    the two-box choosers of themes and editors, the calendar, the actions bar."""
    call = re.compile(r"\bn?gettext\(\s*'((?:[^'\\]|\\.)+)'")
    return {
        message
        for script in ADMIN_SCRIPTS.rglob("*.js")
        if "vendor" not in script.parts
        for message in call.findall(script.read_text(encoding="utf-8"))
    }


def test_admin_scripts_speak_chinese(client, cast):
    login(client, cast.superuser)
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S)[1])
    messages = admin_script_messages()
    assert "Choose all %s" in messages
    english = sorted(m for m in messages if not re.search(r"[\u4e00-\u9fff]", str(catalog.get(m))))
    assert english == []


def test_editors_list_opens_on_their_departments(client, cast):
    login(client, cast.editor_a)
    response = client.get(CHANGELIST)
    assert [c.pk for c in response.context["cl"].result_list] == [cast.commitment_a.pk]
    assert "我负责的部门" in response.content.decode()
    everything = client.get(CHANGELIST, {"mine": ""}).context["cl"].result_list
    assert {c.pk for c in everything} == {cast.commitment_a.pk, cast.commitment_b.pk}


def test_reviewers_list_opens_on_every_department(client, cast):
    login(client, cast.superuser)
    response = client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 2


def test_import_command_speaks_chinese_with_counts(article_path, db):
    out = StringIO()
    call_command("import_article", str(article_path), "--dry-run", stdout=out)
    assert out.getvalue().strip() == "试运行：11 个部门，54 项承诺；未写入任何数据。"
    out = StringIO()
    call_command("import_article", str(article_path), stdout=out)
    assert "已导入：" in out.getvalue() and "11 个部门，54 项承诺。" in out.getvalue()
