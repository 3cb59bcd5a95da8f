"""Settings from the environment: a boolean that is not one stops the start, and `make run`'s
`.env` gives manage.py development settings without overriding the real environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from planwatch.settings import env_bool, read_env_file

PROJECT = Path(__file__).resolve().parent.parent
PROBE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.SECRET_KEY, settings.ALLOWED_HOSTS)"
)


def start(env, code=PROBE):
    """Start a Python that loads the settings with `env` alone (no DJANGO_* of this process)."""
    base = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=120,
        check=False, env=base | {"DJANGO_SETTINGS_MODULE": "planwatch.settings"} | env,
    )


@pytest.mark.parametrize(
    "value, expected",
    [("1", True), ("true", True), ("Yes", True), (" on ", True),
     ("0", False), ("FALSE", False), ("no", False), ("off", False)],
)
def test_a_boolean_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("DJANGO_HTTPS", value)
    assert env_bool("DJANGO_HTTPS") is expected


@pytest.mark.parametrize("value", [None, "", "  "])
def test_an_unset_or_empty_boolean_is_its_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("DJANGO_HTTPS", raising=False)
    else:
        monkeypatch.setenv("DJANGO_HTTPS", value)
    assert env_bool("DJANGO_HTTPS", default=True) is True
    assert env_bool("DJANGO_HTTPS", default=False) is False


@pytest.mark.parametrize("value", ["ture", "2", "enabled"])
def test_an_unknown_boolean_is_an_error_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("DJANGO_HTTPS", value)
    with pytest.raises(ImproperlyConfigured, match=f"DJANGO_HTTPS='{value}' is not a boolean"):
        env_bool("DJANGO_HTTPS")


def test_a_misspelt_https_stops_the_start():
    started = start({"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_HTTPS": "ture", "DJANGO_ENV_FILE": "none"})
    assert started.returncode != 0
    assert "ImproperlyConfigured: DJANGO_HTTPS='ture' is not a boolean" in started.stderr


def make_env_file(directory):
    """Run the Makefile rule by which `make run` writes .env, in `directory`."""
    subprocess.run(
        ["make", "-s", "-f", str(PROJECT / "Makefile"), "-C", str(directory), ".env"],
        check=True, timeout=60, capture_output=True,
    )
    return directory / ".env"


def settings_of(started):
    assert started.returncode == 0, started.stderr
    debug, key, hosts = started.stdout.strip().split(" ", 2)
    return debug, key, hosts


def test_make_run_writes_development_settings_with_a_key_of_its_own(tmp_path):
    env_file = make_env_file(tmp_path)
    debug, key, _ = settings_of(start({"DJANGO_ENV_FILE": str(env_file)}))
    assert debug == "True"
    assert len(key) >= 50 and key in env_file.read_text()
    assert env_file.stat().st_mode & 0o077 == 0, "the key is for its owner's eyes only"
    (tmp_path / "other_clone").mkdir()
    assert make_env_file(tmp_path / "other_clone").read_text() != env_file.read_text()


def test_make_run_never_overwrites_an_existing_env_file(tmp_path):
    (tmp_path / ".env").write_text("DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=mine\n")
    assert make_env_file(tmp_path).read_text() == "DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=mine\n"


def test_the_real_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# a comment\n\nDJANGO_DEBUG=1\nexport DJANGO_SECRET_KEY='from-the-file'\n"
        'DJANGO_ALLOWED_HOSTS="file.example"\n'
    )
    debug, key, hosts = settings_of(start(
        {"DJANGO_ENV_FILE": str(env_file), "DJANGO_ALLOWED_HOSTS": "real.example"}
    ))
    assert (debug, key, hosts) == ("True", "from-the-file", "['real.example']")


def test_env_file_none_reads_no_file(tmp_path, monkeypatch):
    """Production sets DJANGO_ENV_FILE=none: not a file name, even where a file has that name."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "environ", {})  # this process's environment stays as it is
    (tmp_path / "none").write_text("DJANGO_DEBUG=1\n")
    read_env_file("none")
    assert os.environ == {}
    read_env_file(tmp_path / "none")
    assert os.environ == {"DJANGO_DEBUG": "1"}


def test_a_line_that_is_not_an_assignment_names_the_file_and_line(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DJANGO_DEBUG=1\nDJANGO_SECRET_KEY\n")
    started = start({"DJANGO_ENV_FILE": str(env_file)})
    assert started.returncode != 0
    assert f"{env_file}, line 2: expected NAME=value." in started.stderr
