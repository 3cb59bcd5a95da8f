"""Limits are checked before anything is written: one sentence in the UI language, no DataError.

Each column's limit is read from the model (max_length, max_digits, the integer type's range), so
these tests name the columns, never the numbers.
"""

import copy
import time
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from commitments import importer
from commitments.importer import ArticleLimitError, read_article, store_article
from commitments.models import Article, Commitment, Statement, Target
from departments.models import Department, Official

from .snapshots import every_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_text(article_path):
    return article_path.read_text(encoding="utf-8")


@pytest.fixture
def refused(tmp_path):
    """Import `text` through the command; the refusal's message; every table unchanged."""

    def check(text):
        path = tmp_path / "article.txt"
        path.write_text(text, encoding="utf-8")
        before = every_row()
        with pytest.raises(CommandError) as error:
            call_command("import_article", str(path), verbosity=0)
        assert every_row() == before
        message = str(error.value)
        assert "Traceback" not in message and "DataError" not in message
        return message

    return check


def limit(model, name):
    return model._meta.get_field(name).max_length


def test_an_over_long_source_is_refused_naming_the_column(refused, seed_text):
    longer = "长江网" * (limit(Article, "source") // 3 + 1)
    message = refused(seed_text.replace("来源: 长江网", f"来源: {longer}"))
    assert "文章来源" in message
    assert f"上限 {limit(Article, 'source')} 个字符" in message or str(
        limit(Article, "source")
    ) in message


def test_an_over_long_clause_is_refused(refused, seed_text):
    heading = "千方百计稳定和扩大就业" * (limit(Commitment, "title") // 11 + 1)
    message = refused(seed_text.replace("千方百计稳定和扩大就业。", heading + "。"))
    assert "承诺标题" in message
    assert str(limit(Commitment, "title")) in message


def test_a_target_of_ten_to_the_twelfth_is_refused(refused, seed_text):
    message = refused(seed_text.replace("要扩大就业容量", "要新增就业岗位1000000000000个,扩大就业容量"))
    assert "目标数值" in message
    assert "超出" in message


def test_the_seed_article_is_within_every_limit(article_path):
    parsed = read_article(article_path.read_bytes())
    importer.check_limits(parsed)  # does not raise
    store_article(parsed)
    assert Article.objects.count() == 1


@pytest.fixture
def parsed_seed(article_path):
    return read_article(article_path.read_bytes())


def refuses_to_store(parsed):
    before = every_row()
    with pytest.raises(ArticleLimitError) as error:
        store_article(parsed)
    assert every_row() == before
    return str(error.value)


def test_each_column_limit_comes_from_the_model(parsed_seed):
    cases = [
        (lambda p: setattr(p, "title", "标" * (limit(Article, "title") + 1)), "文章标题"),
        (lambda p: setattr(p, "editor", "编" * (limit(Article, "editor") + 1)), "文章编辑"),
        (
            lambda p: setattr(p.departments[0], "name", "局" * (limit(Department, "name") + 1)),
            "部门全称",
        ),
        (
            lambda p: setattr(
                p.departments[0].official, "name", "名" * (limit(Official, "name") + 1)
            ),
            "负责人姓名",
        ),
        (
            lambda p: setattr(
                p.departments[1], "headline", "题" * (limit(Statement, "headline") + 1)
            ),
            "表态标题",
        ),
    ]
    for change, label in cases:
        parsed = copy.deepcopy(parsed_seed)
        change(parsed)
        message = refuses_to_store(parsed)
        assert label in message and "未写入任何内容" in message


def first_target(parsed):
    return next(
        target
        for block in parsed.departments
        for item in block.commitments
        for target in item.targets
    )


@pytest.mark.parametrize(
    "field, value",
    [
        ("value", 10**12),
        ("value", -(10**12)),
        ("value", float("inf")),
        ("year", 40_000),
        ("year", -1),
    ],
)
def test_numbers_outside_their_column_are_refused(parsed_seed, field, value):
    setattr(first_target(parsed_seed), field, value)
    message = refuses_to_store(parsed_seed)
    assert "超出该栏可存储的范围" in message


def test_the_largest_value_the_column_holds_is_stored(parsed_seed):
    column = Target._meta.get_field("value")
    largest = Decimal(10) ** (column.max_digits - column.decimal_places) - 1
    first_target(parsed_seed).value = largest
    store_article(parsed_seed)
    assert Target.objects.filter(value=largest).exists()


def test_an_over_long_target_unit_is_refused(parsed_seed):
    first_target(parsed_seed).unit = "个" * (limit(Target, "unit") + 1)
    assert "目标单位" in refuses_to_store(parsed_seed)


def test_an_unknown_target_kind_is_refused(parsed_seed):
    first_target(parsed_seed).kind = "wish"
    assert "目标类型" in refuses_to_store(parsed_seed)


NUMERALS = "一二三四五六七八九十"


def speaker_block(number, statements=1):
    unit = f"市第{NUMERALS[number // 10]}{NUMERALS[number % 10]}局"
    name = f"王{NUMERALS[number // 10]}{NUMERALS[number % 10]}"
    lines = [f"  {unit}党组书记、局长{name}:", "", "  全力推进各项工作", ""]
    lines += [f"  要推进第{index}项重点工作。" for index in range(statements)]
    return "\n\n".join(lines)


def article_with(blocks):
    header = "谈发展\n\n2020-12-22 07:08 来源: 长江网\n\n  全市各部门贯彻落实全会精神。\n\n"
    return header + "\n\n".join(blocks) + "\n\n(编辑:张靖)\n"


def test_more_departments_than_the_limit_are_refused(refused):
    message = refused(article_with([speaker_block(n) for n in range(importer.MAX_DEPARTMENTS + 1)]))
    assert f"{importer.MAX_DEPARTMENTS + 1} 个部门" in message
    assert "上限" in message


def test_more_commitments_than_the_limit_are_refused(refused):
    message = refused(article_with([speaker_block(1, importer.MAX_COMMITMENTS + 1)]))
    assert "条承诺" in message and str(importer.MAX_COMMITMENTS) in message


def test_a_file_of_a_hundred_thousand_short_lines_is_refused_at_once(refused, seed_text, capsys):
    speaker = "  市人力资源和社会保障局党组书记、局长孙志军:\n\n  为建设现代化大武汉尽职尽责、善作善成\n\n"
    lines = "\n".join(f"  要推进第{index}项工作。" for index in range(100_000))
    text = seed_text.replace(speaker, speaker + lines + "\n\n")
    assert len(text.encode()) > 2_900_000
    started = time.monotonic()
    message = refused(text)
    elapsed = time.monotonic() - started
    assert "行文字" in message and str(importer.MAX_LINES) in message
    with capsys.disabled():
        print(f"\n100,000-line file refused in {elapsed:.2f} s")


def test_a_saved_web_page_may_spend_more_lines_on_markup():
    page = "\ufeff<!DOCTYPE html>\n<html>\n" + "<div class=\"nav\"></div>\n" * (importer.MAX_LINES + 10)
    importer.check_raw_size(page.encode())  # not refused: its reader keeps the article's lines
    text = "谈发展\n" + "  要推进重点工作。\n" * (importer.MAX_LINES + 10)
    with pytest.raises(ArticleLimitError, match="行文字"):
        importer.check_raw_size(text.encode())


class TooLarge(importer.ArticleParseError):
    def __init__(self, message, **numbers):
        super().__init__(message)
        self.__dict__.update(numbers)


@pytest.mark.parametrize(
    "error, expected",
    [
        (TooLarge("too many", what="commitments", count=1200, limit=1000), "1200 条承诺"),
        (TooLarge("too many", what="departments", count=70, limit=60), "70 个部门"),
    ],
)
def test_the_parsers_early_refusal_is_said_in_the_ui_language(monkeypatch, error, expected):
    def parse(raw, filename=None, city=None, max_commitments=None, max_departments=None):
        raise error

    monkeypatch.setattr(importer, "parse_article", parse)
    with pytest.raises(ArticleLimitError, match=expected):
        read_article(b"any")


def test_other_parse_errors_pass_through(monkeypatch):
    def parse(raw, **options):
        raise importer.ArticleParseError("None of the paragraphs is a speaker line.")

    monkeypatch.setattr(importer, "parse_article", parse)
    with pytest.raises(importer.ArticleParseError, match="speaker line") as error:
        read_article(b"any")
    assert not isinstance(error.value, ArticleLimitError)
