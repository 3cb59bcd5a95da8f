"""A re-import never touches progress, even while update_status runs in another transaction.

The importer writes an article's source columns only, on rows it has locked as update_status
locks them. Two threads, so two connections and real row locks: one re-imports the article
(alternately two versions, so that every import writes), the other records progress that only
grows. Not one history row may go back, and the current state is the latest report.
PostgreSQL only: SQLite serialises whole-database writes.
"""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from commitments.models import Commitment
from commitments.status import Status

from .postgres import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks (SELECT ... FOR UPDATE)",
    ),
    pytest.mark.django_db(transaction=True),
]

REPORTS = 15
EDITED_WORDS = ("要扩大就业容量", "要持续扩大就业容量")
# The seed article is cut before its third department: the race is on the rows of the second,
# and a short article re-imports several times during each round of reports.
THIRD_DEPARTMENT = "  市农业农村局党组书记"


@pytest.fixture
def versions(article_path, tmp_path):
    """The start of the seed article and an edited version of it, as two files."""
    text = article_path.read_text(encoding="utf-8")
    text = text[: text.index(THIRD_DEPARTMENT)]
    assert EDITED_WORDS[0] in text
    files = [tmp_path / "article.txt", tmp_path / "edited.txt"]
    files[0].write_text(text, encoding="utf-8")
    files[1].write_text(text.replace(*EDITED_WORDS), encoding="utf-8")
    return files


def test_reimports_racing_status_updates_never_write_back_older_progress(versions):
    call_command("import_article", str(versions[0]), verbosity=0)
    commitments = list(
        Commitment.objects.filter(department__name="市人力资源和社会保障局").order_by("pk")
    )
    reporting_done = threading.Event()
    first_day = datetime.date(2021, 1, 1)

    def report_progress():
        try:
            for step in range(1, REPORTS + 1):
                for commitment in commitments:
                    Commitment.objects.get(pk=commitment.pk).update_status(
                        status=Status.DONE if step == REPORTS else Status.IN_PROGRESS,
                        progress=100 if step == REPORTS else step * 2,
                        reported_on=first_day + datetime.timedelta(days=step),
                    )
        finally:
            reporting_done.set()

    def reimport():
        imports = 0
        while not reporting_done.is_set() or imports < 2:
            call_command("import_article", str(versions[imports % 2 - 1]), verbosity=0)
            imports += 1
        return imports

    _, imports = run_together(report_progress, reimport)

    assert imports >= 2
    for commitment in commitments:
        stored = Commitment.objects.get(pk=commitment.pk)
        latest = stored.updates.latest_first().first()
        assert (stored.status, stored.progress) == (Status.DONE, 100) == (
            latest.status, latest.progress
        )
        assert stored.last_reported_on == latest.reported_on
        rows = list(stored.history.order_by("history_date", "history_id"))
        progress = [row.progress for row in rows]
        assert progress == sorted(progress), f"{stored.title}: progress went back: {progress}"
        reported = [row.last_reported_on or datetime.date.min for row in rows]
        assert reported == sorted(reported), f"{stored.title}: report date went back"
    # The re-imports did write: the edited words are in the text of the version imported last.
    assert Commitment.objects.filter(text__contains="扩大就业容量").exists()
    assert any(row.history_change_reason is None for row in stored.history.filter(history_type="~"))
