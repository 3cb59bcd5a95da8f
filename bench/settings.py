"""Production settings with the static files collected into a temporary folder of the benchmark's own."""

import os
from pathlib import Path

from planwatch.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["PLANWATCH_BENCH_STATIC_ROOT"])
