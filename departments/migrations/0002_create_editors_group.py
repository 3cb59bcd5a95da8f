"""The 部门编辑 group: staff who see everything and record progress for their own departments.

Which departments an editor may update is Department.editors; the group only grants the model
permissions the admin checks first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "部门编辑"

# Everything is visible; the only writes are editing a commitment and appending a status update.
PERMISSIONS = {
    "departments": ["view_department", "view_official"],
    "commitments": [
        "view_article", "view_statement", "view_goal", "view_theme", "view_target",
        "view_commitmentgoal", "view_commitment", "change_commitment",
        "view_statusupdate", "add_statusupdate",
    ],
}


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after the whole migrate run; the group needs them now.
    for app_label in PERMISSIONS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(
            app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps
        )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    for app_label, codenames in PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def delete_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("departments", "0001_initial"),
        ("commitments", "0002_create_goals"),
    ]

    operations = [migrations.RunPython(create_editors_group, delete_editors_group)]
