"""Uploading a document in the admin: a file or pasted text, stored with suggestions to review."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evidence.models import EvidenceDocument, Suggestion

from ..admin_pages import login

ADD = "admin:evidence_evidencedocument_add"
TEXT = "市园林局2025年工作总结\n全年新建口袋公园120个,高品质建设公园绿地。\n"


def test_editor_uploads_pasted_text_and_lands_on_its_review_queue(client, cast):
    login(client, cast.editor_a)
    assert client.get(reverse(ADD)).status_code == 200
    response = client.post(reverse(ADD), {"text": TEXT, "source_url": "https://example.org/a"})
    document = EvidenceDocument.objects.get()
    assert response.status_code == 302
    assert f"passage__document__id__exact={document.pk}" in response["Location"]
    assert (document.title, document.uploaded_by) == ("市园林局2025年工作总结", cast.editor_a)
    assert document.passages.count() == 1  # the title line joins its sentence


def test_superuser_uploads_a_gb18030_file(client, cast):
    login(client, cast.superuser)
    upload = SimpleUploadedFile("summary.txt", TEXT.encode("gb18030"))
    response = client.post(reverse(ADD), {"file": upload, "title": "年度总结"})
    assert response.status_code == 302
    assert EvidenceDocument.objects.get().title == "年度总结"


def test_a_binary_or_empty_upload_is_refused_and_nothing_is_stored(client, cast):
    login(client, cast.superuser)
    binary = SimpleUploadedFile("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for data in [{"file": binary}, {"text": "   "}, {}]:
        response = client.post(reverse(ADD), data)
        assert response.status_code == 400
    assert "binary data" in response.content.decode() or "请上传文件" in response.content.decode()
    assert not EvidenceDocument.objects.exists()
    assert not Suggestion.objects.exists()


def test_anonymous_reader_cannot_upload(client, db):
    response = client.post(reverse(ADD), {"text": TEXT})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not EvidenceDocument.objects.exists()
