"""The article parser on the genre corpus (tests/parsing/genre), scored like a held-out check.

Each article NAME.txt/.html has a hand-labelled NAME.gold.json. Checks, each passed or failed:
- departments: each gold department found by name (or an accepted alternative; one found by its
  official under another name fails this check but is scored on the rest); each parsed
  department that matches no gold one is a failed precision check ("extra department");
- officials: the matched department's official (or one of its officials when two people of one
  unit speak; then only that person's commitments count for them); titles: each gold title among
  that official's titles;
- commitment recall: each gold phrase inside some commitment text of its department;
- commitment precision: each parsed commitment holds a labelled phrase (a gold commitment, or one
  of the department's "acceptable" borderline statements);
- non-commitments excluded: each "not" phrase (question, narration, higher document, past result)
  inside no commitment of the article;
- targets/baselines: each gold target (value, unit, kind, year when given) among the department's
  targets (万/亿 folded into the value, so 1.2万家 == 12000家);
- deadlines: the commitment holding the phrase has a deadline target of that year;
- goals (Wuhan): recall of each gold goal on the phrase's commitment, precision of each goal linked
  to a labelled commitment; other cities: one check that no commitment links a goal;
- metadata: title, published date, source, city (url when labelled; a warning on a text cut short);
- one precision check per article that no commitment's title is a speech tag (……某某说).

Usage: python bench/genre_accuracy.py [--verbose] [--json] [NAME ...]
"""

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "parsing" / "genre"
CATEGORIES = [
    "departments",
    "officials",
    "titles",
    "commitment recall",
    "commitment precision",
    "non-commitments excluded",
    "targets/baselines",
    "deadlines",
    "goals recall",
    "goals precision",
    "metadata",
]
# A title ending in a speech tag (……汪建华说, 他表示) is no action clause.
_SPEECH_TAG = re.compile(r"(说|表示|指出|介绍|强调|谈到|称|透露)[。，！]?$")
_MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}


_CONVERTER = None


def _fold(text):
    """Traditional to simplified, so a traditional article is compared with its meaning."""
    global _CONVERTER
    if _CONVERTER is None:
        import opencc

        _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER.convert(text)


def _norm(text):
    text = _fold(unicodedata.normalize("NFKC", text or ""))
    for a, b in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("「", '"'), ("」", '"')):
        text = text.replace(a, b)
    return "".join(text.split())


def _quantity(value, unit):
    unit = _norm(unit)
    value = float(value) if value is not None else None
    while value is not None and len(unit) > 1 and unit[0] in _MULTIPLIERS:
        value *= _MULTIPLIERS[unit[0]]
        unit = unit[1:]
    return (round(value, 6) if value is not None else None), unit


def articles(names=None, corpus=CORPUS):
    for gold_path in sorted(Path(corpus).glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        if names and name not in names:
            continue
        sources = [p for p in Path(corpus).glob(name + ".*") if not p.name.endswith(".gold.json")]
        yield name, sources[0], json.loads(gold_path.read_text(encoding="utf-8"))


class Score:
    def __init__(self):
        self.passed = defaultdict(int)
        self.total = defaultdict(int)
        self.failures = []

    def check(self, category, ok, what):
        self.total[category] += 1
        if ok:
            self.passed[category] += 1
        else:
            self.failures.append((category, what))

    @property
    def share(self):
        total = sum(self.total.values())
        return sum(self.passed.values()) / total if total else 0.0


def _match_department(gold, parsed_departments):
    names = {_norm(n) for n in [gold["name"], *gold.get("accept", [])]}

    def named(department):
        return bool(names & {_norm(department.name), *(_norm(a) for a in department.aliases)})

    for department in parsed_departments:  # the unit and its official
        if named(department) and _official(department, gold) is not None:
            return department
    for department in parsed_departments:
        if named(department):
            return department
    for department in parsed_departments:  # same official, a wrongly named unit (a failed check)
        if _official(department, gold) is not None:
            return department
    return None


def _officials(department):
    return getattr(department, "officials", None) or [department.official]


def _official(department, gold):
    """The department's official (one of its speakers when a unit has several) named in gold."""
    for official in _officials(department):
        if _norm(official.name) == _norm(gold.get("official")):
            return official
    return None


def _commitments_of(department, gold):
    """The department's commitments; only the gold official's own when the unit has several."""
    if len(_officials(department)) < 2:
        return department.commitments
    name = _norm(gold["official"])
    return [c for c in department.commitments if _norm(getattr(c, "official", "") or name) == name]


def _named(gold, department):
    names = {_norm(n) for n in [gold["name"], *gold.get("accept", [])]}
    return bool(names & {_norm(department.name), *(_norm(a) for a in department.aliases)})


def _commitment_with(phrase, commitments):
    key = _norm(phrase)
    for commitment in commitments:
        if key in _norm(commitment.text):
            return commitment
    return None


def _target_found(gold, targets):
    want = _quantity(gold.get("value"), gold.get("unit"))
    for target in targets:
        if target.kind != gold["kind"]:
            continue
        if _quantity(target.value, target.unit) != want:
            continue
        if gold.get("year") is not None and target.year != gold["year"]:
            continue
        return True
    return False


def score_article(name, path, gold, score):
    """Parse one article and add its checks to ``score``; returns the parsed article."""
    from commitments.parsing import parse_article

    article = parse_article(path.read_bytes(), filename=path.name)
    wuhan = gold["metadata"].get("city") == "武汉"
    _score_metadata(article, gold["metadata"], score)
    matched = []
    for gd in gold["departments"]:
        department = _match_department(gd, article.departments)
        if department is not None:
            matched.append(department)
        _score_department(gd, department, article, wuhan, score)
    for department in article.departments:
        if all(department is not m for m in matched):
            official = department.official
            score.check("departments", False, f"extra department {department.name!r} "
                        f"({official.name} {official.titles})")
    labelled = [_norm(c["phrase"]) for gd in gold["departments"] for c in gd["commitments"]]
    labelled += [_norm(p) for gd in gold["departments"] for p in gd.get("acceptable", [])]
    for department in article.departments:
        for commitment in department.commitments:
            text = _norm(commitment.text)
            score.check("commitment precision", any(p in text for p in labelled),
                        f"{department.name}/{department.official.name}: unexpected commitment "
                        f"{commitment.text[:60]!r}")
    if gold.get("warnings_expected"):
        score.check("metadata", bool(article.warnings), "a text cut short carries no warning")
    tags = [c.title for d in article.departments for c in d.commitments if _SPEECH_TAG.search(c.title)]
    score.check("commitment precision", not tags, f"titles that are speech tags: {tags[:3]}")
    if not wuhan:
        linked = [c.title for d in article.departments for c in d.commitments if c.goals]
        score.check("goals precision", not linked, f"non-Wuhan article links goals: {linked[:3]}")
    return article


def _score_metadata(article, meta, score):
    titles = [_norm(t) for t in [meta["title"], *meta.get("title_alt", [])]]
    score.check("metadata", _norm(article.title) in titles,
                f"title: want {meta['title']!r}, got {article.title!r}")
    got_date = article.published_at.date().isoformat() if article.published_at else None
    score.check("metadata", got_date == meta["published"],
                f"date: want {meta['published']}, got {got_date}")
    score.check("metadata", _norm(meta["source"]) in _norm(article.source or ""),
                f"source: want {meta['source']!r}, got {article.source!r}")
    score.check("metadata", article.city == meta["city"],
                f"city: want {meta['city']!r}, got {article.city!r}")
    if meta.get("url"):
        score.check("metadata", article.url == meta["url"],
                    f"url: want {meta['url']!r}, got {article.url!r}")


def _score_department(gd, department, article, wuhan, score):
    label = gd["name"]
    score.check("departments", department is not None and _named(gd, department),
                f"department {label} ({gd['official']}) not found"
                + (f": got {department.name!r}" if department else ""))
    official = department and (_official(department, gd) or department.official)
    score.check("officials", official is not None and _norm(official.name) == _norm(gd["official"]),
                f"{label}: official want {gd['official']!r}, got {official and official.name!r}")
    got_titles = [_norm(t) for t in (official.titles if official else [])]
    for title in gd["titles"]:
        score.check("titles", any(_norm(title) in got for got in got_titles),
                    f"{label}: title {title!r} missing, got {official and official.titles}")
    commitments = _commitments_of(department, gd) if department else []
    for item in gd["commitments"]:
        _score_commitment(label, item, _commitment_with(item["phrase"], commitments), wuhan, score)
    everywhere = [c for d in article.departments for c in d.commitments]
    for phrase in gd.get("not_commitments", []):
        hit = _commitment_with(phrase, everywhere)
        score.check("non-commitments excluded", hit is None,
                    f"{label}: {phrase!r} is no commitment, got in {hit and hit.text[:50]!r}")
    targets = [t for c in commitments for t in c.targets]
    got = [(t.value, t.unit, t.year, t.kind) for t in targets]
    for target in gd.get("targets", []):
        score.check("targets/baselines", _target_found(target, targets),
                    f"{label}: target {target} missing; got {got}")


def _score_commitment(label, item, commitment, wuhan, score):
    phrase = item["phrase"]
    score.check("commitment recall", commitment is not None,
                f"{label}: no commitment holds {phrase!r}")
    if "deadline" in item:
        years = commitment and sorted({t.year for t in commitment.targets if t.kind == "deadline"})
        score.check("deadlines", bool(years) and item["deadline"] in years,
                    f"{label}: {phrase!r} deadline want {item['deadline']}, got {years}")
    if wuhan and "goals" in item:
        got = {g.slug for g in commitment.goals} if commitment else set()
        for slug in item["goals"]:
            score.check("goals recall", slug in got, f"{label}: {phrase!r} lacks goal {slug}")
        for slug in sorted(got):
            score.check("goals precision", slug in item["goals"],
                        f"{label}: {phrase!r} wrongly linked to {slug}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every failed check")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--corpus", default=str(CORPUS), help="another folder of articles + gold")
    args = parser.parse_args(argv)
    overall = Score()
    rows = {}
    for name, path, gold in articles(args.names, args.corpus):
        score = Score()
        try:
            score_article(name, path, gold, score)
        except Exception as error:  # noqa: BLE001 - an article that fails to parse scores zero
            n = _count_checks(gold)
            score.total["parse"] += n
            score.failures.append(("parse", f"{type(error).__name__}: {error}"))
        rows[name] = score
        for category in set(score.total):
            overall.total[category] += score.total[category]
            overall.passed[category] += score.passed[category]
        overall.failures += [(name, c, w) for c, w in score.failures]
    if args.json:
        print(json.dumps({
            "overall": overall.share,
            "articles": {n: s.share for n, s in rows.items()},
            "categories": {c: [overall.passed[c], overall.total[c]] for c in overall.total},
        }, ensure_ascii=False, indent=1))
        return 0
    for name, score in rows.items():
        passed, total = sum(score.passed.values()), sum(score.total.values())
        print(f"{name:28s} {passed:4d}/{total:<4d} {score.share:6.1%}")
        if args.verbose:
            for category, what in score.failures:
                print(f"    [{category}] {what}")
    print("-" * 48)
    for category in CATEGORIES + ["parse"]:
        if overall.total[category]:
            print(f"{category:28s} {overall.passed[category]:4d}/{overall.total[category]:<4d} "
                  f"{overall.passed[category] / overall.total[category]:6.1%}")
    passed, total = sum(overall.passed.values()), sum(overall.total.values())
    print(f"{'OVERALL':28s} {passed:4d}/{total:<4d} {overall.share:6.1%}")
    return 0


def _count_checks(gold):
    n = 4
    for gd in gold["departments"]:
        n += 2 + len(gd["titles"]) + len(gd["commitments"]) + len(gd.get("not_commitments", []))
        n += len(gd.get("targets", [])) + sum("deadline" in c for c in gd["commitments"])
        n += sum(len(c.get("goals", [])) for c in gd["commitments"])
    return n


if __name__ == "__main__":
    sys.exit(main())
