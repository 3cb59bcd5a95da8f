"""The one place that learns of every write to the data public pages show, inside its transaction.

A tracked model reports each write here: its signals (save, delete, changed links) and its
queryset (update, bulk_create, bulk_update, delete), whose writes send no signal per row. Each
listener — the data version first, then whatever keeps figures derived from the data (the
progress tallies) — notes what a write touches when it happens, and acts on it at once, or once at
the end of a batch(). A write path written the ordinary Django way therefore cannot skip them.
"""

import contextlib
import contextvars

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from .models import DataVersion

_listeners = []
# listener → the keys noted in the batch under way; None outside a batch.
_pending = contextvars.ContextVar("pending_changes", default=None)


class Listener:
    """Something kept in step with the tracked data, in the writing transaction."""

    def noted(self, model, rows, fields=None, deleted=False):
        """The keys of what the write touches, read before it happens when it is an update or
        a delete: `rows` is a list of instances or a queryset; `fields` the fields a save, an
        update or a bulk_update writes (None: any); `deleted` when the rows are being deleted."""
        raise NotImplementedError

    def apply(self, keys):
        raise NotImplementedError


class VersionListener(Listener):
    """Any write gives the data a new version: cached pages of the old one are never read again."""

    def noted(self, model, rows, fields=None, deleted=False):
        return {DataVersion._meta.label}

    def apply(self, keys):
        DataVersion.bump()


def listen(listener):
    """Keep `listener` in step from now on; it acts after those registered before it, so after
    the data version, whose row lock serialises writers until they commit."""
    _listeners.append(listener)
    return listener


listen(VersionListener())


def report(model, rows, fields=None, deleted=False):
    """Tell every listener of a write to `model`'s `rows` (see Listener.noted)."""
    pending = _pending.get()
    for listener in _listeners:
        keys = listener.noted(model, rows, fields, deleted)
        if not keys:
            continue
        if pending is None:
            listener.apply(keys)
        else:
            pending.setdefault(listener, set()).update(keys)


@contextlib.contextmanager
def batch(savepoint=True):
    """One transaction whose writes each listener acts on once, at its end, before it commits.

    For writes of many rows (imports, generated data, restores, bulk actions), which would
    otherwise bump the version and recount the tallies row by row. Inside another batch, the
    outer one acts. With savepoint=False, as for Django's own bulk writes, a failure inside a
    transaction fails that transaction instead of being undone alone: no savepoint round trips
    for each write of an import.
    """
    with transaction.atomic(savepoint=savepoint):
        if _pending.get() is not None:
            yield
            return
        pending = {}
        token = _pending.set(pending)
        try:
            yield
        finally:
            _pending.reset(token)
        for listener in _listeners:
            if listener in pending:
                listener.apply(pending[listener])


class TrackedQuerySet(models.QuerySet):
    """The queryset of a tracked model: the writes that send no signal per row report too."""

    def update(self, **kwargs):
        with batch(savepoint=False):
            report(self.model, self, fields=set(kwargs))
            return super().update(**kwargs)

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        with batch(savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            report(self.model, created)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        with batch(savepoint=False):
            report(self.model, objs, fields=set(fields))
            return super().bulk_update(objs, fields, *args, **kwargs)

    bulk_update.alters_data = True

    def delete(self):
        # The deletion collector sends post_delete for each row of a model with receivers
        # (every tracked model has some), except for the links of a many-to-many field.
        with batch(savepoint=False):
            if self.model._meta.auto_created:
                report(self.model, self, deleted=True)
            return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class BatchedDeletes(models.Model):
    """A tracked model whose deletion cascades to many tracked rows: each reports as it goes,
    and the listeners act once, when the deletion is done."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        with batch(savepoint=False):
            return super().delete(*args, **kwargs)

    delete.alters_data = True


def track(*tracked):
    """Report every write to `tracked` models, links of many-to-many fields included.

    A model's default queryset must be a TrackedQuerySet, so that its bulk writes report too;
    the through models Django makes for a ManyToManyField are given one: adding and removing
    links goes through their default manager's bulk_create() and delete().
    """
    for model in tracked:
        if model._meta.auto_created:
            track_queryset_of(model)
        elif not issubclass(model._default_manager._queryset_class, TrackedQuerySet):
            raise ImproperlyConfigured(
                f"{model._meta.label} is tracked: its default manager must use a TrackedQuerySet."
            )
        label = model._meta.label
        post_save.connect(saved, sender=model, dispatch_uid=f"changes-save-{label}")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"changes-delete-{label}")


def track_queryset_of(through):
    through._meta.local_managers = [m for m in through._meta.local_managers if m.name != "objects"]
    manager = TrackedQuerySet.as_manager()
    manager.auto_created = True
    through.add_to_class("objects", manager)
    through._meta._expire_cache()


def saved(sender, instance, update_fields=None, **kwargs):
    report(sender, [instance], fields=update_fields)


def deleted(sender, instance, **kwargs):
    report(sender, [instance], deleted=True)
