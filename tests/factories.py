"""Small factory functions for the model layer: each makes one valid object, overridable."""

import hashlib
import itertools
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.management import call_command

from commitments.models import Article, Commitment, Theme
from departments.models import Department, Official
from pagecache import changes

_sequence = itertools.count(1)

ARTICLE_PATH = (
    Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "wuhan-2020-12-22-cjn.txt"
)

ARTICLE_TEXT = "市测试局局长张三:\n推进就业。\n加快建设人才活力之城,构筑科研创新高地。\n"


def make_department(**fields):
    n = next(_sequence)
    fields.setdefault("name", f"市测试{n}局")
    fields.setdefault("order", n)
    return Department.objects.create(**fields)


def make_official(department=None, **fields):
    fields.setdefault("name", f"张{next(_sequence)}")
    fields.setdefault("titles", ["党组书记", "局长"])
    return Official.objects.create(department=department or make_department(), **fields)


def make_article(text=ARTICLE_TEXT, **fields):
    fields.setdefault("title", f"测试文章{next(_sequence)}")
    fields.setdefault("source", "长江网")
    return Article.objects.create(
        text=text, content_hash=hashlib.sha256(f"{fields['title']}{text}".encode()).hexdigest(),
        **fields,
    )


def make_theme(**fields):
    n = next(_sequence)
    fields.setdefault("slug", f"theme-{n}")
    fields.setdefault("name", f"主题{n}")
    fields.setdefault("name_en", f"Theme {n}")
    return Theme.objects.create(**fields)


def make_commitment(department=None, article=None, **fields):
    department = department or make_department()
    article = article or make_article()
    start = article.text.index("加快")
    fields.setdefault("official", make_official(department))
    fields.setdefault("title", "加快建设人才活力之城")
    fields.setdefault("source_start", start)
    fields.setdefault("source_end", len(article.text.rstrip()))
    fields.setdefault("text", article.text[fields["source_start"]:fields["source_end"]])
    fields.setdefault("order", next(_sequence))
    return Commitment.objects.create(department=department, article=article, **fields)


def make_user(username=None, **fields):
    username = username or f"user{next(_sequence)}"
    return get_user_model().objects.create_user(username=username, password="pw-123456!", **fields)


def import_seed_article():
    """The seed article, imported through the management command."""
    call_command("import_article", str(ARTICLE_PATH), verbosity=0)
    return Article.objects.get()


def make_cast():
    """A superuser, an editor of each of two departments, and a commitment of each department,
    written in one batch: the data version and the tallies change once, as after an import."""
    with changes.batch():
        department_a = make_department(name="市人力资源和社会保障局")
        department_b = make_department(name="市审计局")
        for username, department in [("editor_a", department_a), ("editor_b", department_b)]:
            call_command("create_editor", username, "--department", department.slug,
                         stdout=StringIO())
        users = {user.username: user for user in get_user_model().objects.all()}
        return SimpleNamespace(
            superuser=make_user("root", is_staff=True, is_superuser=True),
            editor_a=users["editor_a"],
            editor_b=users["editor_b"],
            department_a=department_a,
            department_b=department_b,
            commitment_a=make_commitment(department_a, title="稳定和扩大就业"),
            commitment_b=make_commitment(department_b, title="审计全覆盖"),
        )
