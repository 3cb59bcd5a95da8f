"""Admin pages as a browser uses them: the change page's URL, its form sent back, a login."""

from django.urls import reverse


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
