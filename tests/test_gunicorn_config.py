"""gunicorn.conf.py: the app and jieba's dictionary load in the master, before the workers fork."""

import gc
from pathlib import Path

from gunicorn.app.wsgiapp import WSGIApplication

from commitments.parsing import tokens

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def gunicorn_config(monkeypatch):
    """The configuration gunicorn builds from the README's command line (a misspelt setting
    in the file would be ignored here as in production)."""
    monkeypatch.setattr(
        "sys.argv", ["gunicorn", "planwatch.wsgi:application", "--config", str(CONFIG)]
    )
    return WSGIApplication().cfg


def test_the_app_and_jieba_load_before_the_workers_fork(monkeypatch):
    config = gunicorn_config(monkeypatch)
    assert config.preload_app
    # Recorded, not done: a second dictionary would cost this process a second, and a frozen
    # heap would outlive the test.
    done = []
    monkeypatch.setattr(tokens, "_tokenizer", lambda: done.append("jieba's dictionary loaded"))
    monkeypatch.setattr(gc, "freeze", lambda: done.append("heap frozen"))
    config.when_ready(server=None)
    assert done == ["jieba's dictionary loaded", "heap frozen"]
