"""Checks shared by the tests of each layout: departments, commitments (recall and precision),
targets and baselines, goals, each against lists written by reading the article."""

from pathlib import Path

from commitments.parsing import parse_article

ARTICLES = Path(__file__).resolve().parent / "articles"


def parse(name: str, **options):
    return parse_article((ARTICLES / name).read_bytes(), filename=name, **options)


def departments_of(article) -> list[tuple[str, str, list[str]]]:
    return [(d.name, d.official.name, d.official.titles) for d in article.departments]


def commitment_matches(article, expected: dict[str, list[str]]):
    """For each department, which expected clause each commitment holds.

    Returns (missing, extra, doubled): expected clauses in no commitment of their department,
    commitments holding no expected clause, expected clauses split over several commitments.
    """
    missing, extra, doubled = [], [], []
    for department in article.departments:
        clauses = expected.get(department.name, [])
        for clause in clauses:
            holders = [c for c in department.commitments if clause in c.text]
            if not holders:
                missing.append((department.name, clause))
            elif len(holders) > 1:
                doubled.append((department.name, clause))
        for commitment in department.commitments:
            if not any(clause in commitment.text for clause in clauses):
                extra.append((department.name, commitment.text))
    return missing, extra, doubled


def recall_precision(article, expected: dict[str, list[str]]) -> tuple[float, float]:
    missing, extra, _ = commitment_matches(article, expected)
    total = sum(len(clauses) for clauses in expected.values())
    found = sum(len(d.commitments) for d in article.departments)
    return (total - len(missing)) / total, (found - len(extra)) / found if found else 0.0


def all_commitments(article):
    return [c for d in article.departments for c in d.commitments]


def commitment_with(article, clause: str):
    (found,) = [c for c in all_commitments(article) if clause in c.text]
    return found


def targets_of(article, kind: str | None = None):
    return [
        (t.value, t.unit, t.year, t.kind)
        for c in all_commitments(article)
        for t in c.targets
        if kind is None or t.kind == kind
    ]


def goal_slugs(commitment) -> list[str]:
    return [goal.slug for goal in commitment.goals]
