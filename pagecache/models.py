"""The version of the published data: one row that every write the public pages show changes."""

import uuid

from django.db import connection, models

ROW = 1


class DataVersion(models.Model):
    """The cache keys' version. A random value rather than a counter, so that no value comes
    back: a counter starts over after a restore, a rollback or on a new database, and would
    then find pages cached for other data under the same number.

    Written inside the transaction of the change, it becomes visible with the data it
    describes, to every process and host at once. Its row lock serialises writers until they
    commit. Every path takes it after locking the commitments it changes (the bulk status
    action locks them all first; a changes.batch() takes it at its end), so that two writers of
    one commitment queue on that row instead of deadlocking on this one. The progress tallies
    are recounted after it, under its lock: their writers never interleave.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=ROW, editable=False)
    version = models.UUIDField(default=uuid.uuid4)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=ROW), name="dataversion_one_row")
        ]

    def __str__(self):
        return str(self.version)

    @classmethod
    def current(cls):
        """One query. None when the row is missing (a flushed database): nothing is cached."""
        # In SQL: compiling the ORM's query took twice as long as running it, on every page.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {cls._meta.db_table} WHERE id = %s", [ROW])
            row = cursor.fetchone()
        return row and row[0]

    @classmethod
    def bump(cls):
        """A new version, written in the caller's transaction (pagecache.changes calls it)."""
        if not cls.objects.filter(pk=ROW).update(version=uuid.uuid4()):
            cls.objects.create()
