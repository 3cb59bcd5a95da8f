"""Keyword search over the jieba tokens stored with each commitment (`Commitment.search_tokens`)."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Exists, OuterRef, Q, TextField, Value
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
    """Commitments that hold every term in their stored tokens, their official's name (刘生华)
    or a goal's name (物流: 国家商贸物流中心). The names are looked up first, in one query, so
    that a term no name holds stays a plain token match, which PostgreSQL's GIN index serves."""
    if connections[queryset.db].vendor == "postgresql":
        queryset = queryset.alias(search_vector=search_vector())

        def in_tokens(term):
            return Q(search_vector=SearchQuery(term, config=SEARCH_CONFIG))

    else:
        queryset = queryset.alias(
            padded_tokens=Concat(Value(" "), "search_tokens", Value(" "), output_field=TextField())
        )

        def in_tokens(term):
            return Q(padded_tokens__contains=f" {term} ")

    officials, goals = names_holding(queryset.model, terms)
    goal_links = queryset.model._meta.get_field("goals").remote_field.through.objects
    conditions = []
    for term in terms:
        condition = in_tokens(term)
        if officials[term]:
            condition |= Q(official_id__in=officials[term])
        if goals[term]:
            condition |= Exists(
                goal_links.filter(commitment=OuterRef("pk"), goal_id__in=goals[term])
            )
        conditions.append(condition)
    return queryset.filter(*conditions)


def names_holding(model, terms):
    """For each term, the ids of the officials and of the goals whose names hold it: one query."""
    official_model = model._meta.get_field("official").related_model
    goal_model = model._meta.get_field("goals").related_model

    def named(manager, kind):
        holding = Q()
        for term in terms:
            holding |= Q(name__contains=term)
        named = manager.filter(holding).order_by().annotate(kind=Value(kind))
        return named.values_list("kind", "pk", "name")

    officials, goals = ({term: [] for term in terms} for _ in range(2))
    found = named(official_model.objects, "official").union(named(goal_model.objects, "goal"))
    for kind, pk, name in found:
        for term in terms:
            if term in name:
                (officials if kind == "official" else goals)[term].append(pk)
    return officials, goals
