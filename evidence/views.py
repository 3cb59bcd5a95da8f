"""Public page of an evidence document: its text, with the passages that informed commitments."""

from django.shortcuts import get_object_or_404, render

from .models import EvidenceDocument, Suggestion


def document_detail(request, pk):
    """Two queries: the document, and its accepted suggestions with their commitments."""
    document = get_object_or_404(EvidenceDocument, pk=pk)
    accepted = list(
        Suggestion.objects.accepted().filter(passage__document=document)
        .select_related("passage", "commitment__department").order_by("passage__start", "rank")
    )
    return render(request, "evidence/document_detail.html", {
        "document": document,
        "segments": segments(document.text, accepted),
        "informed": list(dict.fromkeys(s.commitment for s in accepted)),
    })


def segments(text, accepted):
    """The text cut into plain runs and the passages that informed commitments, in order."""
    passages = {}
    for suggestion in accepted:
        passages.setdefault(suggestion.passage, []).append(suggestion.commitment)
    pieces, position = [], 0
    for passage, commitments in passages.items():
        if passage.start < position:
            continue
        pieces.append({"text": text[position:passage.start]})
        pieces.append({"text": text[passage.start:passage.end], "passage": passage,
                       "commitments": commitments})
        position = passage.end
    pieces.append({"text": text[position:]})
    return pieces
