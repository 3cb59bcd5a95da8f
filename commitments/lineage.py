"""Which commitment of an earlier plan a commitment may continue: same department, similar words."""

from difflib import SequenceMatcher

from .models import Commitment

# A department states tens of commitments per plan; this bounds what one suggestion reads.
CANDIDATES_READ = 500
SUGGESTED = 5


def continuation_candidates(commitment, limit=SUGGESTED):
    """Up to `limit` (commitment, similarity 0–1) of the same department in earlier plans (or,
    without a plan, in other articles), most similar first: one query.

    Similarity: the overlap of the stored jieba tokens (Jaccard), or of the characters where
    either has no tokens.
    """
    candidates = Commitment.objects.filter(department_id=commitment.department_id).exclude(
        article_id=commitment.article_id
    )
    plan = commitment.article.plan
    if plan is not None:
        candidates = candidates.filter(article__plan__start_date__lt=plan.start_date)
    candidates = candidates.select_related("article__plan").only(
        "title", "text", "search_tokens", "article__plan__name", "article__plan__start_date"
    )[:CANDIDATES_READ]
    scored = [(other, similarity(commitment, other)) for other in candidates]
    scored.sort(key=lambda pair: pair[1], reverse=True)
    return [pair for pair in scored[:limit] if pair[1] > 0]


def similarity(one, other):
    tokens, other_tokens = set(one.search_tokens.split()), set(other.search_tokens.split())
    if tokens and other_tokens:
        return len(tokens & other_tokens) / len(tokens | other_tokens)
    return SequenceMatcher(None, one.text, other.text).ratio()
