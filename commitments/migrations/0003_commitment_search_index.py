"""A GIN index over the commitments' jieba tokens, for the public list's keyword search.

PostgreSQL only: SQLite has no GIN indexes and searches the tokens with `contains` (see
commitments/search.py). The expression must stay the one `search.search_vector()` queries with.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(SearchVector("search_tokens", config="simple"), name="commitment_search_tokens")


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("commitments", "Commitment"), INDEX)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("commitments", "Commitment"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0002_create_goals")]

    operations = [migrations.RunPython(add_index, remove_index)]
