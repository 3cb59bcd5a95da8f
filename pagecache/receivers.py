"""Signal receivers that bump the data version whenever a row the public pages show changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import DataVersion

CHANGED_LINKS = {"post_add", "post_remove", "post_clear"}


def bump_on_changes_to(*models):
    """Connect the receivers for `models`; many-to-many through models count their links' changes.

    Writes that send no signal (QuerySet.update(), bulk_create(), raw SQL) must be wrapped in
    bump_once() instead.
    """
    for model in models:
        post_save.connect(changed, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
        post_delete.connect(
            changed, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}"
        )
        m2m_changed.connect(
            links_changed, sender=model, dispatch_uid=f"pagecache-links-{model._meta.label}"
        )


def changed(sender, **kwargs):
    DataVersion.bump()


def links_changed(sender, action, **kwargs):
    if action in CHANGED_LINKS:
        DataVersion.bump()
