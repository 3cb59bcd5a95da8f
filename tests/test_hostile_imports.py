"""Hostile article files are refused with one clear error and leave every table exactly as it was.

Complements test_import_bad_input.py (empty, binary, undecodable, no speaker, missing path): here
the seed article is already imported, and every row of every table is compared before and after.
"""

import os
import random

import pytest
from django.core.management import CommandError, call_command

from commitments.models import Commitment
from commitments.status import Status

from .snapshots import every_row

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture
def seed_text(article_path):
    return article_path.read_text(encoding="utf-8")


@pytest.fixture
def refuses(tmp_path, shared_article):
    """Import `content` (bytes) or `path`; assert a CommandError naming the file, nothing written."""

    def check(content=None, path=None, match=None, options=()):
        if path is None:
            path = tmp_path / "hostile.txt"
            path.write_bytes(content)
        before = every_row()
        with pytest.raises(CommandError, match=match) as refused:
            call_command("import_article", str(path), *options, verbosity=0)
        assert str(path) in str(refused.value)
        assert every_row() == before
        return str(refused.value)

    return check


def cut_inside_a_character(raw, near):
    """The bytes up to `near`, moved on to end after the first byte of a multi-byte character."""
    position = near
    while raw[position] < 0xE0:  # not the lead byte of a three-byte UTF-8 character
        position += 1
    return raw[: position + 1]


def test_truncated_mid_character_and_mid_article_is_refused(refuses, article_path):
    raw = article_path.read_bytes()
    message = refuses(cut_inside_a_character(raw, len(raw) // 2))
    assert "neither UTF-8 nor GB18030" in message


def test_mixed_utf8_and_gb18030_is_refused(refuses, seed_text):
    half = len(seed_text) // 2
    mixed = seed_text[:half].encode("utf-8") + seed_text[half:].encode("gb18030")
    message = refuses(mixed)
    assert "neither UTF-8 nor GB18030" in message
    assert "Line " in message


def test_gb18030_paragraph_inside_utf8_is_refused(refuses, seed_text):
    lines = seed_text.split("\n")
    at = next(i for i in range(40, len(lines)) if lines[i].strip())
    raw = b"\n".join(
        line.encode("gb18030" if i == at else "utf-8") for i, line in enumerate(lines)
    )
    assert f"Line {at + 1} " in refuses(raw)


def test_ten_megabytes_of_noise_is_refused(refuses):
    assert "larger than" in refuses(random.Random(7).randbytes(10 * MB))


def test_noise_just_under_the_size_limit_is_refused(refuses):
    # Decodable text, so it reaches the parser: CJK characters, no speaker line anywhere.
    rng = random.Random(7)
    lines = ("".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(80)) for _ in range(20_000))
    noise = "\n\n".join(lines).encode()
    assert 4 * MB < len(noise) < 5 * MB
    assert "speaker" in refuses(noise)


@pytest.mark.parametrize("where", ["next", "later"])
def test_speaker_line_repeated_is_refused(refuses, seed_text, where):
    lines = seed_text.split("\n")
    speaker = next(i for i, line in enumerate(lines) if line.strip().startswith("市人力资源"))
    at = speaker + 2 if where == "next" else speaker + 60
    lines[at:at] = [lines[speaker], "", "  加快建设人才活力之城。", ""]
    assert "repeats the speaker" in refuses("\n".join(lines).encode())


def test_speaker_line_repeated_thousands_of_times_is_refused(refuses, seed_text):
    lines = seed_text.split("\n")
    speaker = next(i for i, line in enumerate(lines) if line.strip().startswith("市审计局"))
    lines[speaker + 1 : speaker + 1] = [lines[speaker]] * 5000
    assert "repeats the speaker" in refuses("\n".join(lines).encode())


def test_directory_is_refused(refuses, tmp_path):
    (tmp_path / "article.txt").mkdir()
    assert "not a regular file" in refuses(path=tmp_path / "article.txt")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_device_is_refused(refuses):
    assert "not a regular file" in refuses(path="/dev/zero")


def test_truncated_version_that_would_drop_recorded_progress_is_rolled_back(refuses, seed_text):
    # The same article (title, source, date) cut short at a paragraph: it parses, and even with
    # --prune the importer starts updating the stored one before it finds history missing.
    last = Commitment.objects.order_by("-source_start").first()
    last.update_status(status=Status.IN_PROGRESS, progress=40, note="已启动")
    message = refuses(seed_text[: len(seed_text) // 2].encode(), options=["--prune"])
    assert "progress history" in message


def test_truncated_at_a_paragraph_boundary_is_refused(refuses, seed_text):
    assert "may be truncated" in refuses(seed_text[: len(seed_text) // 2].encode())
