"""The whole database at one moment: a refused write must leave it exactly as it was."""

from django.apps import apps


def every_row():
    """Every row of every table, auto-created many-to-many tables included, in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }
