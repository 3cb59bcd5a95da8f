"""Every admin and public URL × every role × GET and POST: the status code, and no write to the
record by a request that is refused.

MATRIX names every route the URL resolver knows (admin's get_urls included): a route added
without an entry here fails test_every_url_has_an_entry_in_the_matrix. Model admin routes come
from MODEL_PERMISSIONS (what each role may do with each model, as the admin lets them); the
others are listed one by one in OTHER_ROUTES.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import URLResolver, get_resolver, reverse

from commitments.models import (
    Amendment,
    CommitmentGoal,
    Goal,
    Plan,
    Statement,
    Target,
    Theme,
)
from commitments.status import Status
from departments.models import REVIEWERS_GROUP
from evidence.models import EvidenceDocument, Passage, Suggestion, TargetObservation

from .admin_pages import UPDATE, change_form_data, client_for
from .factories import ARTICLE_PATH, make_cast

ROLES = ["anonymous", "editor_own", "editor_other", "reviewer", "superuser"]
STAFF = ROLES[1:]
V, A, C, D = "view", "add", "change", "delete"
ALL = {V, A, C, D}
NONE = set()

# What each role may do with each model through its admin; editors of either department alike
# (which commitment they may record progress for is the record route's business).
MODEL_PERMISSIONS = {
    "auth.group": {"editor": NONE, "reviewer": NONE, "superuser": ALL},
    "auth.user": {"editor": NONE, "reviewer": NONE, "superuser": ALL},
    # django-axes's admin adds nothing by hand.
    "axes.accessattempt": {"editor": NONE, "reviewer": NONE, "superuser": {V, C, D}},
    "axes.accesslog": {"editor": NONE, "reviewer": NONE, "superuser": {V, C, D}},
    "axes.accessfailurelog": {"editor": NONE, "reviewer": NONE, "superuser": {V, C, D}},
    "departments.department": {"editor": {V}, "reviewer": {V}, "superuser": ALL},
    "departments.official": {"editor": {V}, "reviewer": {V}, "superuser": ALL},
    "commitments.article": {"editor": {V}, "reviewer": {V}, "superuser": ALL},
    "commitments.statement": {"editor": {V}, "reviewer": {V}, "superuser": ALL},
    "commitments.goal": {"editor": {V}, "reviewer": {V}, "superuser": ALL},
    "commitments.theme": {"editor": {V}, "reviewer": {V}, "superuser": ALL},
    # Goalposts: only reviewers change them, with a reason (editors record progress elsewhere).
    "commitments.commitment": {"editor": {V}, "reviewer": {V, C}, "superuser": ALL},
    # Changed on the commitment's page only, where the reason is required.
    "commitments.commitmentgoal": {"editor": {V}, "reviewer": {V}, "superuser": {V}},
    "commitments.target": {"editor": {V}, "reviewer": {V}, "superuser": {V}},
    # The history is append-only: review and withdrawal have routes of their own.
    "commitments.statusupdate": {"editor": {V}, "reviewer": {V}, "superuser": {V}},
    "commitments.amendment": {"editor": {V}, "reviewer": {V}, "superuser": {V}},
    # Plans are set up by superusers; no group is granted them.
    "commitments.plan": {"editor": NONE, "reviewer": NONE, "superuser": ALL},
    # Evidence (evidence/migrations/0002 grants 部门编辑, 0003 the same to 审核人员).
    # A document is uploaded (the add page), never edited; nobody changes a passage or adds one.
    "evidence.evidencedocument": {"editor": {V, A}, "reviewer": {V, A}, "superuser": {V, A, D}},
    "evidence.passage": {"editor": {V}, "reviewer": {V}, "superuser": {V, D}},
    # Decided on the review page only, by editors of the commitment's department or reviewers;
    # the list shows an editor only their departments' suggestions.
    "evidence.suggestion": {"editor": {V}, "reviewer": {V}, "superuser": {V}},
    # Editors record figures by accepting a suggestion, not here.
    "evidence.targetobservation": {"editor": {V}, "reviewer": {V}, "superuser": ALL},
}


@dataclass
class Route:
    """How to reach a route and what each role gets: `expect(role, method)` -> status code."""

    url: object  # world -> path
    expect: object
    payload: object = field(default=lambda world: {})  # world -> POST data


def permitted(world_role, label):
    group = "editor" if world_role.startswith("editor") else world_role
    return MODEL_PERMISSIONS[label][group]


def admin_only(staff_code):
    """An admin page: anonymous readers go to the login page; staff get `staff_code(role, m)`."""

    def expect(role, method):
        return 302 if role == "anonymous" else staff_code(role, method)

    return expect


def public(get=200, post=200):
    return lambda role, method: get if method == "GET" else post


def model_routes(label):
    """The six routes ModelAdmin.get_urls() gives every model, with the rule of each."""
    app_label, model_name = label.split(".")
    prefix = f"admin/{app_label}/{model_name}/"

    def code(allowed, ok=200):
        return admin_only(lambda role, method: ok if allowed(role) else 403)

    def view_or_change(role):
        return bool({V, C} & permitted(role, label))

    def hidden(role):
        return role in HIDDEN_FROM.get(label, ())

    def change(role, method):
        if method == "GET":
            if not view_or_change(role):
                return 403
            return 302 if hidden(role) else 200
        if C not in permitted(role, label):
            return 403
        # An unchanged commitment form saves (302); empty forms of the others are refused (200).
        return CHANGE_POST.get(label, 200)

    def delete(role, method):
        if D not in permitted(role, label):
            return 403
        if method == "GET" or label in PROTECTED:
            return 200
        return 403 if label in CASCADES_TO_READ_ONLY else 302

    def add(role, method):
        if A not in permitted(role, label):
            return 403
        return ADD_POST.get(label, 200) if method == "POST" else 200

    def url(suffix):
        return lambda world: f"/{prefix}{world.pk(label)}/{suffix}"

    return {
        prefix: Route(lambda w: f"/{prefix}", code(view_or_change)),
        f"{prefix}add/": Route(lambda w: f"/{prefix}add/", admin_only(add)),
        f"{prefix}<path:object_id>/history/": Route(
            url("history/"),
            admin_only(
                lambda role, method: (302 if hidden(role) else 200) if view_or_change(role) else 403
            ),
        ),
        f"{prefix}<path:object_id>/delete/": Route(
            url("delete/"), admin_only(delete), lambda w: {"post": "yes"}
        ),
        f"{prefix}<path:object_id>/change/": Route(
            url("change/"), admin_only(change), lambda w: w.change_data(label)
        ),
        # A bare object URL redirects to its change page, for any staff user.
        f"{prefix}<path:object_id>/": Route(url(""), admin_only(lambda role, method: 302)),
    }


# Deleting these is refused while commitments (or articles) point at them (on_delete=PROTECT):
# 200, the page.
PROTECTED = {"departments.department", "departments.official", "commitments.article",
             "commitments.plan"}
# Deleting these would delete rows nobody may delete (status updates, goal links, suggestions):
# refused, 403.
CASCADES_TO_READ_ONLY = {"commitments.commitment", "commitments.goal",
                         "evidence.evidencedocument", "evidence.passage"}
# The status of an empty add form posted by someone allowed to add (the form's errors).
ADD_POST = {"commitments.commitment": 400, "evidence.evidencedocument": 400}
# Roles whose admin queryset leaves the world's object out: its pages send them back to the
# admin index (302), as for an object that does not exist.
HIDDEN_FROM = {"evidence.suggestion": {"editor_other"}}
# The status of a superuser's or reviewer's POST of a change form built from the page.
CHANGE_POST = {"commitments.commitment": 302, "auth.group": 302, "auth.user": 200,
               "departments.department": 302, "departments.official": 302,
               "commitments.article": 302, "commitments.statement": 302,
               "commitments.goal": 302, "commitments.theme": 302,
               "axes.accessattempt": 302, "axes.accesslog": 302, "axes.accessfailurelog": 302,
               "commitments.plan": 302, "evidence.targetobservation": 302}


def staff_page(get=200, post=200):
    return admin_only(lambda role, method: get if method == "GET" else post)


def may_record(role):
    return role in {"editor_own", "reviewer", "superuser"}


def may_decide_evidence(role):
    """Editors of the commitment's department, reviewers (every department) and superusers."""
    return role in {"editor_own", "reviewer", "superuser"}


def reviewers_only(ok_get=200, ok_post=302):
    return admin_only(
        lambda role, method: (ok_get if method == "GET" else ok_post)
        if role in {"reviewer", "superuser"} else 403
    )


OTHER_ROUTES = {
    # Public pages: the same for everyone; they read and never write.
    "healthz": Route(lambda w: "/healthz", public()),
    "i18n/setlang/": Route(lambda w: "/i18n/setlang/", public(get=302, post=302),
                           lambda w: {"language": "en", "next": "/"}),
    "": Route(lambda w: "/", public()),
    "commitments/": Route(lambda w: "/commitments/", public()),
    "commitments/export.csv": Route(lambda w: "/commitments/export.csv", public()),
    "commitments/export.xlsx": Route(lambda w: "/commitments/export.xlsx", public()),
    "api/commitments/<int:pk>.json": Route(
        lambda w: f"/api/commitments/{w.commitment.pk}.json", public()
    ),
    "plans/<slug:slug>/": Route(lambda w: f"/plans/{w.plan.slug}/", public()),
    "plans/<slug:slug>/account/": Route(lambda w: f"/plans/{w.plan.slug}/account/", public()),
    "articles/": Route(lambda w: "/articles/", public()),
    "feeds/departments/<str:slug>/": Route(
        lambda w: f"/feeds/departments/{w.commitment.department.slug}/", public()
    ),
    "feeds/goals/<slug:slug>/": Route(lambda w: "/feeds/goals/economy/", public()),
    "evidence/<int:pk>/": Route(lambda w: f"/evidence/{w.document.pk}/", public()),
    "commitments/<int:pk>/": Route(lambda w: f"/commitments/{w.commitment.pk}/", public()),
    "api/commitments.json": Route(lambda w: "/api/commitments.json", public()),
    "goals/<slug:slug>/": Route(lambda w: "/goals/economy/", public()),
    "articles/<int:pk>/": Route(lambda w: f"/articles/{w.commitment.article_id}/", public()),
    "feeds/updates/": Route(lambda w: "/feeds/updates/", public()),
    "departments/": Route(lambda w: "/departments/", public()),
    "departments/<str:slug>/": Route(
        lambda w: f"/departments/{w.commitment.department.slug}/", public()
    ),
    # The admin site's own pages.
    "admin/": Route(lambda w: "/admin/", staff_page()),
    "admin/login/": Route(
        lambda w: "/admin/login/",
        lambda role, method: 200 if role == "anonymous" or method == "POST" else 302,
    ),
    "admin/logout/": Route(lambda w: "/admin/logout/", staff_page(get=405, post=200)),
    "admin/password_change/": Route(lambda w: "/admin/password_change/", staff_page()),
    "admin/password_change/done/": Route(
        lambda w: "/admin/password_change/done/", staff_page(post=405)
    ),
    "admin/autocomplete/": Route(lambda w: "/admin/autocomplete/", staff_page(403, 405)),
    "admin/jsi18n/": Route(lambda w: "/admin/jsi18n/", staff_page(200, 405)),
    "admin/r/<path:content_type_id>/<path:object_id>/": Route(
        lambda w: w.view_on_site_url, staff_page(302, 302)
    ),
    "admin/^(?P<app_label>auth|axes|departments|commitments|evidence)/$": Route(
        lambda w: "/admin/commitments/", staff_page()
    ),
    "admin/(?P<url>.*)$": Route(lambda w: "/admin/no-such-page/", staff_page(404, 404)),
    "admin/auth/user/<id>/password/": Route(
        lambda w: f"/admin/auth/user/{w.pk('auth.user')}/password/",
        admin_only(lambda role, method: 200 if role == "superuser" else 403),
    ),
    # PlanWatch's own admin routes.
    "admin/commitments/commitment/<path:object_id>/record/": Route(
        lambda w: f"/admin/commitments/commitment/{w.commitment.pk}/record/",
        admin_only(
            lambda role, method: (200 if method == "GET" else 302) if may_record(role) else 403
        ),
        lambda w: UPDATE,
    ),
    "admin/commitments/commitment/^([^/]+)/history/([^/]+)/$": Route(
        lambda w: w.history_version_url,
        # A past version is read, never saved back: 405 on POST for everyone.
        admin_only(lambda role, method: 200 if method == "GET" else 405),
        lambda w: {"loaded_version": 1, "due_date": "2021-01-01"},
    ),
    "admin/commitments/statusupdate/<path:object_id>/review/": Route(
        lambda w: f"/admin/commitments/statusupdate/{w.pending.pk}/review/",
        reviewers_only(),
        lambda w: {"decision": "approve"},
    ),
    # 上传文章: commitments.import_article, which only superusers hold. The preview writes nothing.
    "admin/commitments/article/import/": Route(
        lambda w: "/admin/commitments/article/import/",
        admin_only(lambda role, method: 200 if role == "superuser" else 403),
        lambda w: {"text": ARTICLE_PATH.read_text(encoding="utf-8")},
    ),
    "admin/evidence/suggestion/<int:pk>/review/": Route(
        lambda w: f"/admin/evidence/suggestion/{w.suggestion.pk}/review/",
        admin_only(
            lambda role, method: (200 if method == "GET" else 302)
            if may_decide_evidence(role) else 403
        ),
        lambda w: {"action": "reject"},
    ),
    "admin/commitments/statusupdate/<path:object_id>/withdraw/": Route(
        lambda w: f"/admin/commitments/statusupdate/{w.published.pk}/withdraw/",
        reviewers_only(),
        lambda w: {"reason": "矩阵测试"},
    ),
}

MATRIX = {**OTHER_ROUTES}
for _label in MODEL_PERMISSIONS:
    MATRIX.update(model_routes(_label))


def resolver_routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from resolver_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def test_every_url_has_an_entry_in_the_matrix():
    routes = set(resolver_routes())
    assert not routes - set(MATRIX), "routes without an entry in the permission matrix"
    assert not set(MATRIX) - routes, "matrix entries for routes that no longer exist"


class World:
    """One commitment of each department, an update of each review state, one row of each
    model, and a user for each role."""

    def __init__(self, cast):
        self.cast = cast
        self.commitment = cast.commitment_a
        self.published = self.commitment.update_status(
            status=Status.IN_PROGRESS, progress=30, reported_on=datetime.date(2022, 1, 1)
        )
        self.pending = self.commitment.update_status(
            status=Status.IN_PROGRESS, progress=40, author=cast.editor_a
        )
        reviewer = get_user_model().objects.create(username="reviewer", is_staff=True)
        reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
        self.users = {
            "editor_own": cast.editor_a, "editor_other": cast.editor_b,
            "reviewer": reviewer, "superuser": cast.superuser,
        }
        # Logged in once: each request starts from its role's session, and its writes (a
        # logout included) are rolled back.
        self.sessions = {role: session_key(user) for role, user in self.users.items()}
        goal = Goal.objects.get(slug="economy")
        self.plan = Plan.objects.get(slug="wuhan-14th")
        Plan.objects.attach(self.commitment.article, self.plan)
        target = Target.objects.create(
            commitment=self.commitment, text="新增就业20万人", kind="quantity",
            source_start=0, source_end=3,
        )
        text = "2022年全市新增就业22万人。审计实现全覆盖。"
        self.document = EvidenceDocument.objects.create(
            title="2022年政府工作报告", text=text, source="长江网",
            published_at=datetime.date(2023, 1, 10),
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )
        passage = Passage.objects.create(document=self.document, start=0, end=14,
                                         text=text[:14])
        # Pending, for the own department's commitment: the one the review route decides.
        self.suggestion = Suggestion.objects.create(
            passage=passage, commitment=self.commitment, score=12.5,
            numbers=[{"value": 22, "unit": "万人", "target": target.pk,
                      "target_text": target.text}],
        )
        # Accepted, for the other department's: shown on the document's public page.
        Suggestion.objects.create(
            passage=passage, commitment=cast.commitment_b, rank=2, score=3.0,
            state=Suggestion.State.ACCEPTED, decided_by=cast.editor_b,
            decided_at=datetime.datetime(2023, 1, 11, tzinfo=datetime.UTC),
        )
        access = {"user_agent": "pytest", "ip_address": "127.0.0.1", "username": "x",
                  "http_accept": "*/*", "path_info": "/admin/login/"}
        self.objects = {
            "auth.group": Group.objects.get(name=REVIEWERS_GROUP),
            "auth.user": cast.editor_b,
            "axes.accessattempt": AccessAttempt.objects.create(
                get_data="", post_data="", failures_since_start=1, **access
            ),
            "axes.accesslog": AccessLog.objects.create(**access),
            "axes.accessfailurelog": AccessFailureLog.objects.create(**access),
            "departments.department": cast.department_a,
            "departments.official": self.commitment.official,
            "commitments.article": self.commitment.article,
            "commitments.statement": Statement.objects.create(
                article=self.commitment.article, department=cast.department_a,
                official=self.commitment.official, headline="稳就业",
            ),
            "commitments.goal": goal,
            "commitments.theme": Theme.objects.create(slug="jobs", name="就业", name_en="Jobs"),
            "commitments.commitment": self.commitment,
            "commitments.commitmentgoal": CommitmentGoal.objects.create(
                commitment=self.commitment, goal=goal, keywords=["就业"]
            ),
            "commitments.target": target,
            "commitments.statusupdate": self.published,
            "commitments.amendment": Amendment.objects.create(
                commitment=self.commitment, field="due_date", old_value="2025-12-31",
                new_value="2026-06-30", reason="测试",
            ),
            "commitments.plan": self.plan,
            "evidence.evidencedocument": self.document,
            "evidence.passage": passage,
            "evidence.suggestion": self.suggestion,
            "evidence.targetobservation": TargetObservation.objects.create(
                target=target, value=22, unit="万人", observed_on=datetime.date(2022, 12, 31),
                quote="2022年全市新增就业22万人。", document=self.document,
                recorded_by=cast.superuser,
            ),
        }
        version = self.commitment.history.earliest()
        self.history_version_url = reverse(
            "admin:commitments_commitment_simple_history",
            args=[self.commitment.pk, version.history_id],
        )
        self.view_on_site_url = reverse(
            "admin:view_on_site", args=[self.content_type_id(), self.commitment.pk]
        )
        self._change_data = {}

    def pk(self, label):
        return self.objects[label].pk

    def act_as(self, client, role):
        if role == "anonymous":
            client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
        else:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]

    def content_type_id(self):
        from django.contrib.contenttypes.models import ContentType

        # Transactional tests flush and recreate content types: a cached id may be stale.
        ContentType.objects.clear_cache()
        return ContentType.objects.get_for_model(self.commitment).pk

    def change_data(self, label):
        """The form a superuser's browser would send back from the change page, unchanged, but
        for a commitment's due date moved to 2030 with a reason."""
        if label not in self._change_data:
            client = client_for(self.cast.superuser)
            url = f"/admin/{label.replace('.', '/')}/{self.pk(label)}/change/"
            response = client.get(url)
            data = change_form_data(response) if response.status_code == 200 else {}
            if label == "commitments.commitment":
                data.update(due_date="2030-12-31", change_reason="矩阵测试")
            self._change_data[label] = data
        return self._change_data[label]


def session_key(user):
    return client_for(user).cookies[settings.SESSION_COOKIE_NAME].value


RECORD_MODELS = [
    "commitments.Article", "commitments.Statement", "commitments.Commitment",
    "commitments.HistoricalCommitment", "commitments.CommitmentGoal", "commitments.Target",
    "commitments.StatusUpdate", "commitments.Amendment", "commitments.Goal", "commitments.Theme",
    "departments.Department", "departments.Official", "auth.User", "auth.Group",
    "commitments.Plan", "evidence.EvidenceDocument", "evidence.Passage", "evidence.Suggestion",
    "evidence.RejectedPair", "evidence.TargetObservation",
]
WRITE_STATEMENT = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)


def record_tables():
    """The tables a refused request must not write: the record's models and the links between
    them (sessions and axes' logs are not the record)."""
    tables = set()
    for label in RECORD_MODELS:
        meta = apps.get_model(label)._meta
        tables.add(meta.db_table)
        tables.update(field.remote_field.through._meta.db_table for field in meta.local_many_to_many)
    return tables


class RecordWrites:
    """A database execute wrapper that keeps each statement writing one of `tables`, whether
    the ORM or raw SQL sent it. Cheaper than comparing every table before and after each of
    the matrix's 1,640 requests, and stricter: a write later undone counts too."""

    def __init__(self, tables):
        self.tables = tables
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        written = WRITE_STATEMENT.match(sql)
        if written and written.group(1) in self.tables:
            self.statements.append(sql)
        return execute(sql, params, many, context)


def refused(role, method, code, route):
    if method == "GET":
        return True  # reading never writes
    if route.startswith("admin/") and route != "admin/login/" and role == "anonymous":
        return True
    return code in (403, 404, 405)


@pytest.fixture(scope="module")
def world(module_db):
    """Built once: every request of every test is rolled back."""
    return World(make_cast())


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_permission_matrix(client, db, world, route):
    entry = MATRIX[route]
    url = entry.url(world)
    payload = entry.payload(world)
    failures = []
    tables = record_tables()
    # Each request is rolled back: every one starts from the world's rows.
    for role in ROLES:
        for method in ["GET", "POST"]:
            writes = RecordWrites(tables)
            with transaction.atomic(), connection.execute_wrapper(writes):
                world.act_as(client, role)
                if method == "GET":
                    response = client.get(url)
                else:
                    response = client.post(url, payload)
                expected = entry.expect(role, method)
                if response.status_code != expected:
                    failures.append(f"{role} {method} {url}: {response.status_code} ≠ {expected}")
                elif refused(role, method, expected, route) and writes.statements:
                    failures.append(f"{role} {method} {url}: refused, yet wrote {writes.statements}")
                transaction.set_rollback(True)
            cache.clear()
    assert not failures, "\n".join(failures)
