"""import_article refuses bad input with one clear sentence and leaves the database untouched."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from commitments.models import Article, Commitment
from departments.models import Department

pytestmark = pytest.mark.django_db

ARTICLE_WITHOUT_SPEAKER = "一篇普通的新闻\n\n2020-12-22 07:08 来源: 长江网\n\n  今天天气很好。\n"


def stored_rows():
    return (Article.objects.count(), Department.objects.count(), Commitment.objects.count())


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(bytes(range(256)) * 64, id="binary"),
        pytest.param(b"\xff\xfe\xfa\xfb" * 200, id="undecodable"),
        pytest.param(ARTICLE_WITHOUT_SPEAKER.encode(), id="no-speaker-block"),
    ],
)
def test_bad_file_is_refused_and_nothing_is_written(tmp_path, shared_article, content):
    before = stored_rows()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("import_article", str(bad))
    assert str(bad) in str(refused.value)
    assert stored_rows() == before


def test_missing_path_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_article", str(tmp_path / "missing.txt"))


def test_directory_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not a regular file"):
        call_command("import_article", str(tmp_path))


def test_oversized_noise_is_refused_before_parsing(tmp_path):
    before = stored_rows()
    noise = tmp_path / "noise.txt"
    noise.write_bytes(b"\xe5\x99\xaa" * (4 * 1024 * 1024))
    with pytest.raises(CommandError, match="larger than"):
        call_command("import_article", str(noise))
    assert stored_rows() == before


def test_command_line_error_is_one_sentence_without_traceback(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    finished = subprocess.run(
        [sys.executable, "manage.py", "import_article", str(empty)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert finished.returncode != 0
    assert "Traceback" not in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1
