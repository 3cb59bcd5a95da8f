"""The evidence matcher, measured: ranking quality on the hand-labelled documents, and speed.

    .venv/bin/python bench/matching.py            # labelled documents, on a temporary SQLite DB
    DATABASE_URL=postgres://…/planwatch_bench .venv/bin/python bench/matching.py --scale

The first imports the seed article into a fresh SQLite database and prints precision@1, recall@3
and the share of narration left without candidates, for the shipped matcher and the alternatives
it was chosen over. --scale matches a 10,000-character document against the commitments already
in DATABASE_URL (generate_demo_data's 100,000) and prints the time, the queries and the memory.
"""

import argparse
import math
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "fixtures" / "articles" / "wuhan-2020-12-22-cjn.txt"
SCALE_CHARS = 10_000


def setup_django(database_url=None):
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()


def variants():
    """The shipped matcher and the alternatives, each a Matcher subclass."""
    from evidence.matching import Matcher

    class NoFramingRule(Matcher):
        framing = None

    class Unthresholded(Matcher):
        min_score = min_relevance = float("-inf")
        framing = None

    class NoBoosts(Unthresholded):
        def _named_boost(self, text, candidate):
            return 0.0

    class TfIdfCosine(NoBoosts):
        def relevance(self, words, candidate):
            weights = {t: (1 + math.log(n)) * self.idf(t) for t, n in candidate.tokens.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            query = {word: self.idf(word) for word in words}
            query_norm = math.sqrt(sum(w * w for w in query.values())) or 1.0
            return sum(weights.get(w, 0.0) * q for w, q in query.items()) / norm / query_norm

    class TermOverlap(NoBoosts):
        def relevance(self, words, candidate):
            return float(sum(1 for word in words if word in candidate.tokens))

    class TfWithoutIdf(NoBoosts):
        """What ts_rank scores: frequency normalised by length, every word alike."""

        def relevance(self, words, candidate):
            matched = sum(candidate.tokens.get(word, 0) for word in words)
            return matched / (1 + math.log(candidate.length or 1))

    return [
        ("BM25 + department/official/figure boosts, thresholds (shipped)", Matcher),
        ("  the same without the framing rule (thresholds alone)", NoFramingRule),
        ("BM25 + boosts, no threshold", Unthresholded),
        ("BM25 alone", NoBoosts),
        ("TF-IDF cosine", TfIdfCosine),
        ("term overlap", TermOverlap),
        ("tf / log length, no IDF (ts_rank-like)", TfWithoutIdf),
    ]


def labelled(args):
    from django.core.management import call_command

    from commitments.models import Commitment
    from evidence.corpus import DatabaseCorpus
    from evidence.evaluation import label_resolver, labelled_documents, score

    call_command("migrate", verbosity=0)
    call_command("import_article", str(SEED), verbosity=0)
    documents = labelled_documents(args.corpus) if args.corpus else labelled_documents()
    ids = label_resolver(Commitment.objects.values_list("id", "title", "text"))
    corpus = DatabaseCorpus()
    reporting = sum(1 for d in documents for _, titles in d.labels if titles)
    narration = sum(1 for d in documents for _, titles in d.labels if not titles)
    print(f"{len(documents)} documents, {reporting} reporting passages, {narration} narration; "
          f"{corpus.size} commitments")
    print(f"{'matcher':<66} {'P@1':>5} {'R@3':>5} {'silent':>6}")
    for name, matcher_class in variants():
        def rank(document, matcher_class=matcher_class):
            matcher = matcher_class(corpus, context=document.title)
            ranked = matcher.rank([passage.text for passage in document.passages])
            return [[match.commitment for match in matches] for matches in ranked]

        scores = score(documents, rank, ids)
        print(f"{name:<66} {scores.precision_at_1:5.2f} {scores.recall_at_3:5.2f} "
              f"{scores.silent_narration:6.2f}")
        if matcher_class.__name__ == "Matcher":
            for document in documents:
                alone = score([document], rank, ids)
                print(f"    {document.name:<62} {alone.precision_at_1:5.2f} "
                      f"{alone.recall_at_3:5.2f} {alone.silent_narration:6.2f}")
            for miss in scores.misses if args.misses else ():
                print("    miss:", miss)


def scale_document():
    """SCALE_CHARS characters of later-year reporting: the labelled documents, repeated."""
    from evidence.evaluation import LABELS

    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(LABELS.glob("*.txt")))
    return (text * (SCALE_CHARS // len(text) + 1))[:SCALE_CHARS]


def scale(args):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commitments.parsing.tokens import load_dictionary
    from evidence.corpus import DatabaseCorpus
    from evidence.importer import analyse

    load_dictionary()  # once per process, not in the first document's time
    document = scale_document()
    print(f"database: {connection.vendor}, document: {len(document):,} characters, postings "
          f"from {'an inverted index built in Python' if args.python_index else 'the database'}")
    corpus = DatabaseCorpus(full_text_index=False) if args.python_index else None
    for run in range(args.runs):
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            analysis = analyse(document + "\n" * run, corpus=corpus)
        seconds = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"run {run + 1}: {seconds:.2f} s, {len(queries)} queries, "
              f"{len(analysis.passages)} passages, {analysis.suggestion_count} suggestions, "
              f"max RSS {rss_after / 1024:.0f} MB (+{(rss_after - rss_before) / 1024:.0f} MB)")
    # tracemalloc slows Python down two- to threefold: memory is measured in a run of its own.
    tracemalloc.start()
    analyse(document + "\n" * args.runs, corpus=corpus)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python allocations while matching: {peak / 1024 / 1024:.1f} MB")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", action="store_true",
                        help="time a 10,000-character document against DATABASE_URL's commitments")
    parser.add_argument("--runs", type=int, default=2, help="scale runs (2)")
    parser.add_argument("--python-index", action="store_true",
                        help="with --scale: build the postings in Python, as on SQLite")
    parser.add_argument("--misses", action="store_true", help="list the shipped matcher's misses")
    parser.add_argument("--corpus", type=Path,
                        help="another folder of documents + .labels.json (default fixtures/evidence)")
    args = parser.parse_args(argv)
    if args.scale:
        setup_django()
        scale(args)
        return
    with tempfile.TemporaryDirectory() as directory:
        setup_django(f"sqlite:///{directory}/bench-matching.sqlite3")
        labelled(args)


if __name__ == "__main__":
    main()
