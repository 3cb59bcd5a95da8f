"""gunicorn.conf.py: the app and jieba's dictionary load in the master, before the workers fork."""

import gc
import runpy
from pathlib import Path

from commitments.parsing.tokens import _tokenizer

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_the_app_and_jieba_load_before_the_workers_fork():
    config = runpy.run_path(str(CONFIG))
    assert config["preload_app"] is True
    _tokenizer.cache_clear()
    try:
        config["when_ready"](server=None)
        assert _tokenizer.cache_info().currsize == 1
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
