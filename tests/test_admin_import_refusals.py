"""上传文章's refusals of bad input: a form error (400) that names the problem, and every table as
it was, on a database already holding the seed article (imported once for the module)."""

import pytest
from django.urls import reverse

from .admin_pages import upload
from .snapshots import every_row

URL = reverse("admin:commitments_article_import")
PLAN_OUTLINE = (
    "武汉市国民经济和社会发展第十四个五年规划纲要\n\n目录\n\n第一章 发展基础\n\n"
    "第一节 “十三五”发展成就\n\n第二节 面临的形势\n\n第二章 总体要求\n\n"
    "第一节 指导思想\n\n  坚持稳中求进工作总基调,推动高质量发展。\n"
)


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
def test_bad_input_is_refused_as_a_form_error(
    importer_client, shared_article, article_path, data, message
):
    before = every_row()
    response = importer_client.post(URL, data(article_path))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="errorlist nonfield"' in page
    assert message in page
    assert "payload" not in page
    assert every_row() == before


def test_pasted_text_beyond_the_request_limit_is_a_400_not_a_500(
    importer_client, shared_article, settings
):
    before = every_row()
    noise = "噪" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2)
    response = importer_client.post(URL, {"text": noise})
    assert response.status_code == 400
    assert every_row() == before
