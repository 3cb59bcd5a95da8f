"""The Atom feed of status updates is valid Atom, newest first, with escaped notes."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from commitments.models import StatusUpdate
from commitments.status import Status

from .dashboard_data import make_dashboard
from .factories import make_commitment

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_feed(client):
    response = client.get("/feeds/updates/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_is_valid_atom_with_every_required_element(client):
    make_dashboard(departments=2, per_department=4)
    feed = parse_feed(client)
    assert feed.tag == f"{ATOM}feed"
    for required in ["id", "title", "updated"]:
        assert feed.find(f"{ATOM}{required}").text
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == StatusUpdate.objects.count() > 0
    for entry in entries:
        for required in ["id", "title", "updated"]:
            assert entry.find(f"{ATOM}{required}").text
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/commitments/")
        assert entry.find(f"{ATOM}author/{ATOM}name").text.startswith("市")
    assert len({entry.find(f"{ATOM}id").text for entry in entries}) == len(entries)


def test_feed_lists_the_newest_update_first_and_escapes_notes(client):
    commitment = make_commitment(title="推进数字政府")
    commitment.update_status(
        status=Status.IN_PROGRESS, progress=20, reported_on=datetime.date(2022, 1, 1)
    )
    latest = commitment.update_status(
        status=Status.PARTIAL,
        progress=50,
        note="<script>x</script> 完成一半",
        reported_on=datetime.date(2023, 1, 1),
    )
    first = parse_feed(client).find(f"{ATOM}entry")
    assert first.find(f"{ATOM}title").text == "推进数字政府：部分完成 50%"
    assert (
        first.find(f"{ATOM}link")
        .get("href")
        .endswith(f"/commitments/{commitment.pk}/#update-{latest.pk}")
    )
    summary = first.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert summary.text == "&lt;script&gt;x&lt;/script&gt; 完成一半"


def test_feed_without_updates_is_still_valid(client):
    feed = parse_feed(client)
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.find(f"{ATOM}updated").text
