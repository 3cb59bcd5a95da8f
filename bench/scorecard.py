"""Issue 16's figures beside their targets: percentiles, the table, and the results file of each size."""

import datetime
import json
import math
from dataclasses import dataclass
from pathlib import Path

RESULTS_DIR = Path(__file__).with_name("results")
# Between the sizes, a page rendered afresh may take at most this many times as long.
SCALING_LIMIT = 1.5


def percentile(values, share):
    """The value below which `share` (0–100) of values fall, interpolated between neighbours."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * share / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values):
    return percentile(values, 50)


@dataclass
class Figure:
    """One measured figure: `value` is what the target is checked against."""

    key: str  # its name in the results file
    label: str
    value: float | None
    unit: str = ""
    detail: str = ""  # what else was measured with it: a maximum, memory
    limit: float | None = None
    at_least: bool = False  # the limit is a floor (≥), else a ceiling (≤)
    failed: bool = False  # some of its requests failed: a fast error meets no target

    @property
    def target(self):
        if self.limit is None:
            return ""
        return f"{'≥' if self.at_least else '≤'} {number(self.limit)}{spaced(self.unit)}"

    @property
    def met(self):
        """True or False against the limit; None without a limit or a value."""
        if self.limit is None or self.value is None:
            return None
        if self.failed:
            return False
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    @property
    def shown(self):
        value = "not measured" if self.value is None else f"{number(self.value)}{spaced(self.unit)}"
        return f"{value} ({self.detail})" if self.detail else value


def number(value):
    """Readable digits: thousands separated, one decimal below 10, none above."""
    if isinstance(value, int) or value >= 10 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.1f}"


def spaced(unit):
    return "×" if unit == "×" else f" {unit}" if unit else ""


def table(figures, commitments):
    """The figures as a Markdown table, each beside its target and whether it is met."""
    lines = [
        f"| figure | at {commitments:,} commitments | target | met |",
        "| --- | ---: | ---: | :---: |",
    ]
    verdicts = {True: "yes", False: "**no**", None: ""}
    for figure in figures:
        lines.append(
            f"| {figure.label} | {figure.shown} | {figure.target} | {verdicts[figure.met]} |"
        )
    return "\n".join(lines) + "\n"


def scaling(figures, commitments, other):
    """Figures comparing the pages rendered afresh with those of another size's results file.

    The ratio is always the larger size's time over the smaller's.
    """
    if not other:
        return []
    rows = []
    for figure in figures:
        theirs = other["figures"].get(figure.key)
        if not figure.key.startswith("afresh.") or figure.value is None or not theirs:
            continue
        small, large = (theirs, figure.value) if other["commitments"] < commitments else (
            figure.value, theirs
        )
        rows.append(Figure(
            f"scaling.{figure.key}",
            f"{figure.label}: {max(commitments, other['commitments']):,} vs "
            f"{min(commitments, other['commitments']):,} commitments",
            large / small if small else None, "×",
            detail=f"{number(theirs)} ms at {other['commitments']:,}, "
            f"commit {other.get('commit', '?')}",
            limit=SCALING_LIMIT,
        ))
    return rows


def save(figures, commitments, commit, directory=RESULTS_DIR):
    """Write this size's figures to <directory>/<commitments>.json; returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{commitments}.json"
    path.write_text(json.dumps({
        "commitments": commitments,
        "commit": commit,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "figures": {f.key: f.value for f in figures if not f.key.startswith("scaling.")},
    }, indent=2) + "\n")
    return path


def other_size(commitments, directory=RESULTS_DIR):
    """The saved results of the nearest smaller size, else of the nearest larger; None if none."""
    saved = []
    for path in directory.glob("*.json"):
        try:
            results = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if isinstance(results, dict) and results.get("commitments") not in (None, commitments):
            saved.append(results)
    smaller = [r for r in saved if r["commitments"] < commitments]
    if smaller:
        return max(smaller, key=lambda r: r["commitments"])
    return min(saved, key=lambda r: r["commitments"], default=None)
