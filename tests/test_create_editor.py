"""`manage.py create_editor`: a staff user in the 部门编辑 group, assigned to departments."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from .factories import make_department, make_user

pytestmark = pytest.mark.django_db


def create_editor(*args):
    out = StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


def test_creates_a_staff_editor_of_the_departments():
    labour = make_department(name="市人力资源和社会保障局")
    audit = make_department(name="市审计局")
    out = create_editor(
        "wang", "--department", labour.slug, "--department", audit.slug,
        "--email", "wang@example.cn", "--password", "Wuhan-2025-plan",
    )
    user = get_user_model().objects.get(username="wang")
    assert user.is_staff and not user.is_superuser
    assert user.email == "wang@example.cn"
    assert user.check_password("Wuhan-2025-plan")
    assert list(user.groups.values_list("name", flat=True)) == ["部门编辑"]
    assert set(user.edited_departments.all()) == {labour, audit}
    assert "已创建编辑 wang" in out and "市审计局" in out


def test_running_twice_changes_nothing():
    labour = make_department()
    create_editor("wang", "--department", labour.slug)
    out = create_editor("wang", "--department", labour.slug)
    user = get_user_model().objects.get(username="wang")
    assert get_user_model().objects.count() == 1
    assert user.groups.count() == 1 and user.edited_departments.count() == 1
    assert "已更新编辑 wang" in out


def test_existing_user_becomes_editor_and_keeps_earlier_departments():
    first, second = make_department(), make_department()
    user = make_user("li", email="li@example.cn")
    create_editor("li", "--department", first.slug)
    create_editor("li", "--department", second.slug)
    user.refresh_from_db()
    assert user.is_staff and user.email == "li@example.cn"
    assert user.check_password("pw-123456!")
    assert set(user.edited_departments.all()) == {first, second}


def test_new_user_without_password_cannot_log_in_until_one_is_set():
    out = create_editor("zhao", "--department", make_department().slug)
    assert not get_user_model().objects.get(username="zhao").has_usable_password()
    assert "changepassword" in out


def test_unknown_slug_is_a_clear_error_and_writes_nothing():
    known = make_department(name="市审计局")
    with pytest.raises(CommandError, match="未知的部门标识：no-such-bureau") as error:
        create_editor("wang", "--department", known.slug, "--department", "no-such-bureau")
    assert known.slug in str(error.value)
    assert not get_user_model().objects.filter(username="wang").exists()


def test_weak_password_is_refused_and_writes_nothing():
    with pytest.raises(CommandError):
        create_editor("wang", "--department", make_department().slug, "--password", "123")
    assert not get_user_model().objects.filter(username="wang").exists()


def test_department_is_required():
    with pytest.raises(CommandError, match="--department"):
        create_editor("wang")


def test_missing_group_says_to_migrate():
    Group.objects.filter(name="部门编辑").delete()
    with pytest.raises(CommandError, match="migrate"):
        create_editor("wang", "--department", make_department().slug)
