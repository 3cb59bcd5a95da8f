"""gunicorn.conf.py: the app and jieba's dictionary load in the master, before the workers fork."""

import gc
from pathlib import Path

from gunicorn.app.wsgiapp import WSGIApplication

from commitments.parsing.tokens import _tokenizer

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
    _tokenizer.cache_clear()
    try:
        config.when_ready(server=None)
        assert _tokenizer.cache_info().currsize == 1
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
