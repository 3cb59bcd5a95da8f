"""What the public pages show of evidence: accepted quotes, actual figures, computed progress."""

from decimal import Decimal

from commitments.models import Target

from .models import Suggestion, TargetObservation


def evidence_for(commitment):
    """A commitment page's evidence: one query, two if it has quantitative targets (which must be
    prefetched).

    按指标测算 progress is the mean, over the quantitative targets whose latest observation has the
    target's unit, of min(100, actual / target × 100); None when no target has such a figure.
    """
    evidence = (
        Suggestion.objects.accepted().filter(commitment=commitment)
        .select_related("passage__document").order_by("-passage__document__published_at", "-id")
    )
    targets = [t for t in commitment.targets.all() if t.kind == Target.Kind.QUANTITY]
    latest = {}
    observations = TargetObservation.objects.filter(target__in=targets) if targets else []
    for observation in observations:  # latest first for each target (Meta.ordering)
        latest.setdefault(observation.target_id, observation)
    rows = [{"target": target, "actual": latest.get(target.pk)} for target in targets]
    shares = [
        min(Decimal(100), row["actual"].value / row["target"].value * 100)
        for row in rows
        if row["actual"] and row["target"].value and row["actual"].unit == row["target"].unit
    ]
    for row in rows:
        row["comparable"] = bool(row["actual"]) and row["actual"].unit == row["target"].unit
    return {
        "evidence": list(evidence),
        "target_rows": rows,
        "computed_progress": round(sum(shares) / len(shares)) if shares else None,
    }
