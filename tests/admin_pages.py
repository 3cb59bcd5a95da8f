"""Admin pages as a browser uses them: the change and 登记进展 pages, their forms sent back, a login,
a file uploaded."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from commitments.models import Commitment, StatusUpdate
from commitments.status import Status


def change_url(commitment):
    return reverse("admin:commitments_commitment_change", args=[commitment.pk])


def change_form_data(response):
    """The POST a browser would send back from a rendered admin change page, unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value
    return data


def edit(client, commitment, **changes):
    """Load the change page, change some fields and save, as a browser would."""
    data = change_form_data(client.get(change_url(commitment)))
    data.update(changes)
    return client.post(change_url(commitment), data)


def login(client, user):
    client.force_login(user)
    return client


def client_for(user):
    """A browser of its own, logged in as user (beside the test's `client`)."""
    return login(Client(), user)


UPDATE = {
    "status": Status.IN_PROGRESS,
    "progress": 40,
    "note": "已出台实施方案",
    "evidence_url": "https://www.wuhan.gov.cn/zwgk/plan.html",
    "reported_on": "2022-03-01",
}


def record_url(commitment):
    return reverse("admin:commitments_commitment_record", args=[commitment.pk])


def assert_nothing_recorded(commitment):
    stored = Commitment.objects.get(pk=commitment.pk)
    assert not StatusUpdate.objects.filter(commitment=commitment).exists()
    assert (stored.status, stored.progress, stored.last_reported_on) == (Status.NOT_RATED, 0, None)


def upload(name, content):
    """A text file as a browser uploads it, holding `content` (bytes)."""
    return SimpleUploadedFile(name, content, content_type="text/plain")
