"""The 审核人员 group: staff who publish, return and withdraw status updates, and who may move a
commitment's goalposts (due date, title, themes, goals, targets) with a public reason.

They record progress for every department; what they may not touch (the imported source text)
the admin keeps read-only, as for editors.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWERS_GROUP = "审核人员"
EDITORS_GROUP = "部门编辑"

PERMISSIONS = {
    "departments": ["view_department", "view_official"],
    "commitments": [
        "view_article", "view_statement", "view_goal", "view_theme",
        "view_commitment", "change_commitment",
        "view_target", "add_target", "change_target", "delete_target",
        "view_commitmentgoal", "add_commitmentgoal", "change_commitmentgoal",
        "delete_commitmentgoal",
        "view_statusupdate", "add_statusupdate", "change_statusupdate",
        "view_amendment",
    ],
}


def create_reviewers_group(apps, schema_editor):
    """Also lets editors read the amendments, as they read everything else."""
    # Permissions are normally created after the whole migrate run; the group needs them now.
    for app_label in PERMISSIONS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(
            app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps
        )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    for app_label, codenames in PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    editors = Group.objects.filter(name=EDITORS_GROUP).first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label="commitments", codename="view_amendment")
        )


def delete_reviewers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REVIEWERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("departments", "0003_plural_labels"),
        ("departments", "0002_create_editors_group"),
        ("commitments", "0008_record_integrity"),
    ]

    operations = [migrations.RunPython(create_reviewers_group, delete_reviewers_group)]
