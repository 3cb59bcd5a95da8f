"""The commitments as the matcher's corpus: postings for a document's words, candidates' rows.

The stored jieba tokens (`Commitment.search_tokens`) are read once per document run, never per
passage. On PostgreSQL the postings come from the GIN index of migration 0003, one query for all
the document's words; on SQLite from an inverted index of the document's words built in one pass.
"""

from collections import defaultdict

from django.db import connections
from django.db.models import Avg, IntegerField, Value
from django.db.models.functions import Length, Replace

from commitments.models import Commitment
from commitments.search import SEARCH_CONFIG

from .matching import Candidate, TargetRow, department_names, title_weighted

# The GIN index over the tokens (commitments migration 0003); ANALYZE keeps its lexemes'
# frequencies.
INDEX_NAME = "commitment_search_tokens"
# Rows read at a time when the inverted index is built in Python.
CHUNK = 5000


class DatabaseCorpus:
    def __init__(self, using="default", full_text_index=None):
        """full_text_index: whether postings come from PostgreSQL's GIN index (the default
        there) or from the inverted index built in Python (SQLite; the benchmark compares)."""
        self.using = using
        if full_text_index is None:
            full_text_index = connections[using].vendor == "postgresql"
        self.full_text_index = full_text_index
        commitments = Commitment.objects.using(using)
        self.size = commitments.count()
        # Tokens are separated by single spaces: their number is the spaces plus one.
        spaces = Length("search_tokens") - Length(Replace("search_tokens", Value(" "), Value("")))
        average = commitments.aggregate(
            value=Avg(spaces + Value(1), output_field=IntegerField())
        )["value"]
        self.avg_length = float(average or 1)

    def postings(self, terms, max_df):
        if not terms:
            return {}, {}
        known = {}
        if self.full_text_index:
            known = self._common_from_statistics(terms, max_df)
            found = self._postings_from_index(sorted(terms - set(known)), max_df)
        else:
            found = self._postings_in_python(terms)
        postings = {term: ids for term, ids in found.items() if len(ids) <= max_df}
        common = {term: max(len(ids), max_df + 1) for term, ids in found.items()
                  if len(ids) > max_df}
        return postings, common | known

    def _common_from_statistics(self, terms, max_df):
        """The terms ANALYZE counted in more than max_df commitments, with that estimate.

        Their ids would cost max_df heap rows each and are not needed; a term the statistics
        miss is still capped by the postings query.
        """
        sql = """
            SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats
            WHERE schemaname = current_schema() AND tablename = %s
        """
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, [INDEX_NAME])
            row = cursor.fetchone()
        if not row or not row[0]:
            return {}
        frequency = dict(zip(row[0], row[1]))  # the last three frequencies are summaries
        estimates = {term: round(frequency.get(term.lower(), 0) * self.size) for term in terms}
        return {term: df for term, df in estimates.items() if df > max_df}

    def _postings_from_index(self, terms, max_df):
        """At most max_df + 1 ids per term: a term with more is common, its ids unneeded.

        The expression is the GIN index's (search.search_vector(), with Django's COALESCE).
        """
        sql = f"""
            SELECT t.term, c.id FROM unnest(%s::text[]) AS t(term)
            CROSS JOIN LATERAL (
                SELECT id FROM {Commitment._meta.db_table}
                WHERE to_tsvector(%s::regconfig, COALESCE(search_tokens, ''))
                      @@ plainto_tsquery(%s::regconfig, t.term)
                LIMIT %s
            ) AS c
        """
        found = defaultdict(list)
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, [terms, SEARCH_CONFIG, SEARCH_CONFIG, max_df + 1])
            for term, commitment in cursor.fetchall():
                found[term].append(commitment)
        return found

    def _postings_in_python(self, terms):
        found = defaultdict(list)
        rows = Commitment.objects.using(self.using).values_list("id", "search_tokens")
        for commitment, tokens in rows.iterator(chunk_size=CHUNK):
            for term in terms.intersection(tokens.split()):
                found[term].append(commitment)
        return found

    def candidates(self, ids):
        rows = (
            Commitment.objects.using(self.using)
            .filter(pk__in=ids)
            .select_related("department", "official")
            .prefetch_related("targets")
            .only("id", "title", "search_tokens", "department__name", "department__aliases",
                  "official__name")
        )
        officials = self._officials({row.department_id for row in rows})
        found = {}
        for row in rows:
            department = row.department
            found[row.id] = Candidate(
                id=row.id,
                title=row.title,
                department=department.name,
                tokens=title_weighted(row.search_tokens.split(), row.title),
                department_names=department_names(department.name, department.aliases),
                officials=officials.get(department.id, ()),
                targets=tuple(
                    TargetRow(t.id, t.text, float(t.value) if t.value is not None else None,
                              t.unit)
                    for t in row.targets.all() if t.kind == "quantity"
                ),
            )
        return found

    def _officials(self, departments):
        """The names of each department's officials: a passage naming one is about its work."""
        from departments.models import Official

        names = defaultdict(list)
        rows = Official.objects.using(self.using).filter(department__in=departments)
        for department, name in rows.values_list("department_id", "name"):
            if len(name) >= 2:
                names[department].append(name)
        return {department: tuple(found) for department, found in names.items()}
