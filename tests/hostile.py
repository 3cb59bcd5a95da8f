"""Hostile inputs shared by the fuzz tests: strings, numbers, SQL and markup, and the response check."""

from urllib.parse import urlencode, urlsplit

from hypothesis import strategies as st

from dashboards.filters import SORTS
from commitments.models import Commitment, Goal, Theme
from commitments.status import Signal, Status
from departments.models import Department

MARKER = "pwx1337"  # appears on no page, so a reflected fragment is seen for what it is

HTML = [
    f"<script>{MARKER}()</script>",
    f'"><img src=x onerror={MARKER}()>',
    f"'><svg/onload={MARKER}()>",
    f"</textarea></title><script>{MARKER}</script>",
    f'<a href="javascript:{MARKER}()">x</a>',
    f"{{{{ {MARKER} }}}}{{% debug %}}",
]
SQL = [
    "' OR '1'='1",
    "1; DROP TABLE commitments_commitment; --",
    "\" OR 1=1 --",
    "1 UNION SELECT username, password FROM auth_user--",
    "%' AND 1=0 UNION SELECT NULL, NULL--",
    "')) OR 1=1--",
    "\\'; SELECT pg_sleep(5); --",
    "*",
    "%",
    "_",
]
KEYS = [
    "q", "department", "theme", "goal", "status", "signal", "has_target", "sort", "page",
    "next", "language", "format", "o", "id", "pk", "csrfmiddlewaretoken",
]
# One value of each kind in one query string.
EVERY_KIND = [
    ("q", HTML[0]), ("department", SQL[1]), ("page", "9223372036854775808"), ("lag", "nan"),
    ("sort", "\x00"), ("theme", "测试" * 200), ("next", "//evil.example/"), ("status", HTML[1]),
]
# Broken pieces of query string, joined in as they are, not encoded.
RAW = ["", "&", "&&", "=", "==", "%", "%zz", "%E4%B8", "%00", "%C0%AF", "q", "q=", "=x", ";",
       "+", "%2", "page=1&page=2", "q=%FF%FE", "a[]=1&a[]=2", "%26%3D"]


def texts():
    return st.one_of(
        st.text(max_size=40),
        st.text(alphabet=st.characters(min_codepoint=0x2E80, max_codepoint=0x9FFF), max_size=20),
        st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Mn", "So"]), max_size=10),
        st.text(alphabet="测试就业审计a1 %_'\"<>&;\\", min_size=100, max_size=3000),
    )


def numbers():
    return st.one_of(
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.sampled_from(["0", "-0", "-1", "2147483648", "9223372036854775808", "1e308", "1e-400",
                         "nan", "inf", "-inf", "0x10", "1_000", "٣", "１２", "1.5", " 1 "]),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    )


def query_strings(real_values):
    values = st.one_of(
        st.sampled_from(real_values), texts(), numbers(), st.sampled_from(SQL),
        st.sampled_from(HTML), st.just(""),
    )
    keys = st.one_of(st.sampled_from(KEYS), st.sampled_from(KEYS), st.text(max_size=12))
    pairs = st.lists(st.tuples(keys, values), max_size=8)
    raw = st.lists(st.sampled_from(RAW), max_size=3)
    return st.tuples(pairs, raw).map(
        lambda parts: ("&".join([urlencode(parts[0]), *parts[1]]), parts[0])
    )


def as_query(pairs):
    return urlencode(pairs), pairs


def public_urls(article):
    commitment = Commitment.objects.filter(article=article).order_by("pk").first()
    department = commitment.department
    return [
        "/", "/departments/", f"/departments/{department.slug}/", "/goals/economy/",
        "/commitments/", f"/commitments/{commitment.pk}/", f"/articles/{article.pk}/",
        "/commitments/export.csv", "/api/commitments.json", "/feeds/updates/", "/healthz",
        "/i18n/setlang/",
    ]


def real_filter_values():
    return [
        *Department.objects.values_list("slug", flat=True), *Theme.objects.values_list("slug", flat=True),
        *Goal.objects.values_list("slug", flat=True), *Status.values, *Signal.values,
        *SORTS, "yes", "no", "1", "2", "last", "en", "zh-hans",
    ]


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def check_response(response, pairs):
    assert response.status_code < 500, response.status_code
    body = body_of(response)
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html"):
        for _key, value in pairs:
            # Reflected as typed is fine for plain text; markup must come back escaped.
            if MARKER in value and any(character in value for character in "<>\"'"):
                assert value not in body, f"unescaped in the page: {value!r}"
    else:
        # Text, CSV, JSON and Atom may echo a fragment; with nosniff no browser renders it as HTML.
        assert response["X-Content-Type-Options"] == "nosniff"
    if 300 <= response.status_code < 400:
        target = urlsplit(response["Location"])
        assert target.netloc in ("", "testserver"), f"redirects off the site: {response['Location']}"
