"""The public pages as a visitor reads them, with or without a cache."""

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def content(client, url):
    """The page's content: what is cached, without the per-visitor CSRF token of the header."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return html[html.index('<main id="content"'):html.index("</main>")]
