# The three 0007 migrations were written side by side (importer, record integrity, plans) and
# touch separate fields and models: this joins them.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0007_article_url_city"),
        ("commitments", "0007_plans"),
        ("commitments", "0007_record_integrity"),
    ]

    operations = []
