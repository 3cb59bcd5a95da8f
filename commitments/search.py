"""Keyword search over the jieba tokens stored with each commitment (`Commitment.search_tokens`)."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q, TextField, Value
from django.db.models.functions import Concat

from commitments.parsing import search_tokens

SEARCH_CONFIG = "simple"


def search_vector():
    """The expression the PostgreSQL GIN index (migration 0003) is built on; queries must match it."""
    return SearchVector("search_tokens", config=SEARCH_CONFIG)


def tokenize(text):
    """The same tokeniser the importer stores tokens with, so that query and text segment alike."""
    return search_tokens(text)


def query_terms(text):
    """The finest tokens of a query, deduplicated in order.

    `lcut_for_search` yields a long word and its parts (乡村振兴, 乡村, 振兴); the text may have been
    segmented differently around the long word, so only the parts are required to match.
    """
    tokens = [token.strip() for token in tokenize(text or "")]
    words = list(dict.fromkeys(token for token in tokens if any(ch.isalnum() for ch in token)))
    return [word for word in words if not any(other != word and other in word for other in words)]


def filter_by_terms(queryset, terms):
    """Commitments whose stored tokens hold every term; the query path depends on the database."""
    if connections[queryset.db].vendor == "postgresql":
        query = SearchQuery(terms[0], config=SEARCH_CONFIG)
        for term in terms[1:]:
            query &= SearchQuery(term, config=SEARCH_CONFIG)
        return queryset.alias(search_vector=search_vector()).filter(search_vector=query)
    padded = queryset.alias(
        padded_tokens=Concat(Value(" "), "search_tokens", Value(" "), output_field=TextField())
    )
    return padded.filter(*[Q(padded_tokens__contains=f" {term} ") for term in terms])
