"""The 部门编辑 group may upload evidence documents, review suggestions and record actual figures;
which suggestions an editor may act on is still Department.editors (SuggestionQuerySet)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "部门编辑"
CODENAMES = [
    "view_evidencedocument", "add_evidencedocument", "view_passage",
    "view_suggestion", "change_suggestion",
    "view_targetobservation", "add_targetobservation",
]


def grant_to(group_name, apps, schema_editor):
    """Give `group_name` the evidence permissions (also used by 0003 for the reviewers)."""
    app_config = apps.get_app_config("evidence")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="evidence", codename__in=CODENAMES)
    )


def revoke_from(group_name, apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=group_name):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="evidence"))


def grant(apps, schema_editor):
    grant_to(EDITORS_GROUP, apps, schema_editor)


def revoke(apps, schema_editor):
    revoke_from(EDITORS_GROUP, apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0001_initial"),
        ("departments", "0002_create_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
