"""The 审核人员 group decides evidence as the 部门编辑 group does, for every department: reviewers
record progress for all departments (Department.objects.editable_by), and accepting evidence is
one way of recording it."""

from importlib import import_module

from django.db import migrations

REVIEWERS_GROUP = "审核人员"
editors_migration = import_module("evidence.migrations.0002_editors_review_evidence")


def grant(apps, schema_editor):
    editors_migration.grant_to(REVIEWERS_GROUP, apps, schema_editor)


def revoke(apps, schema_editor):
    editors_migration.revoke_from(REVIEWERS_GROUP, apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0002_editors_review_evidence"),
        ("departments", "0004_reviewers_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
