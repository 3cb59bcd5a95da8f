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

# Rows read at a time when the inverted index is built in Python.
CHUNK = 5000


class DatabaseCorpus:
    def __init__(self, using="default"):
        self.using = using
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
        if connections[self.using].vendor == "postgresql":
            found = self._postings_from_index(sorted(terms), max_df)
        else:
            found = self._postings_in_python(terms)
        postings = {term: ids for term, ids in found.items() if len(ids) <= max_df}
        common = {term: max(len(ids), max_df + 1) for term, ids in found.items()
                  if len(ids) > max_df}
        return postings, common

    def _postings_from_index(self, terms, max_df):
        """At most max_df + 1 ids per term: a term with more is common, its ids unneeded."""
        sql = f"""
            SELECT t.term, c.id FROM unnest(%s::text[]) AS t(term)
            CROSS JOIN LATERAL (
                SELECT id FROM {Commitment._meta.db_table}
                WHERE to_tsvector(%s::regconfig, search_tokens)
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
