"""The importer's throughput on the seed article and on generated articles of the same genre.

Everything is imported inside one transaction that is rolled back: the database is left as it was.
"""

import datetime
import random
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

SEED_ARTICLE = Path(__file__).resolve().parent.parent / "fixtures/articles/wuhan-2020-12-22-cjn.txt"
# Far from the generator's numbering, so that no article of the benchmark updates a stored one.
FIRST_NUMBER = 900_000


@dataclass
class ImportRun:
    name: str
    articles: int
    chars: int
    commitments: int
    parse_seconds: float
    store_seconds: float

    @property
    def seconds(self):
        return self.parse_seconds + self.store_seconds

    @property
    def chars_per_second(self):
        return self.chars / self.seconds if self.seconds else 0.0


def generated_articles(count, seed):
    """count articles in the genre (speaker lines, headlines, paragraphs), as UTF-8 bytes."""
    from bench import demo_text
    from bench.demo import SHANGHAI, goal_keywords, theme_lexicon

    vocab = demo_text.Vocabulary([(t[0], t[3]) for t in theme_lexicon()], goal_keywords())
    rng = random.Random(seed)
    first_day = datetime.datetime(2024, 1, 2, 7, 0, tzinfo=SHANGHAI)
    return [
        demo_text.genre_article(
            rng, vocab, FIRST_NUMBER + n, first_day + datetime.timedelta(days=n)
        ).encode("utf-8")
        for n in range(count)
    ]


def measure(name, raws):
    from commitments.importer import store_article
    from commitments.parsing import parse_article

    run = ImportRun(name, len(raws), 0, 0, 0.0, 0.0)
    for raw in raws:
        started = time.perf_counter()
        parsed = parse_article(raw)
        parsed_at = time.perf_counter()
        result = store_article(parsed)
        run.store_seconds += time.perf_counter() - parsed_at
        run.parse_seconds += parsed_at - started
        run.chars += len(parsed.text)
        run.commitments += result.commitments
    return run


def import_throughput(count, seed=1):
    """Warm runs: an import of the seed article first loads jieba and fills Django's caches."""
    if not SEED_ARTICLE.exists():
        return []
    seed_raw = SEED_ARTICLE.read_bytes()
    generated = generated_articles(count, seed)
    with transaction.atomic():
        measure("warm-up", [seed_raw])
        transaction.set_rollback(True)
    with transaction.atomic():
        runs = [measure("seed article, warm", [seed_raw])]
        if generated:
            runs.append(measure(f"{count} generated articles, warm", generated))
        transaction.set_rollback(True)
    return runs
