"""The permission matrix: every URL of the web UI and the API, as every role, against an own
customer, a team-mate's, someone else's, and someone else's shared with the actor.

Every route must have a rule below, so an endpoint added without one fails this test. The
expectations are written out as tables, not derived from the policy under test.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from dossier.accounts import services as accounts
from dossier.accounts.models import User
from dossier.core.actor import Actor
from dossier.customers import services as customers
from dossier.customers.models import Customer
from dossier.documents import services as documents
from dossier.documents.classify import Rule as FilingRule
from dossier.interactions import services as interactions
from dossier.sales import services as sales
from tests.builders import SYSTEM, actor, make_team, make_user

pytestmark = pytest.mark.django_db

ROLES = ("admin", "manager", "sales", "service", "viewer")
RELATIONS = ("own", "team", "other", "shared")
# Whether each role sees a customer of each relation (the seeds: reps see their own and what
# is shared with them; managers their teams; viewers their team; admins everything).
VISIBLE = {
    "admin": {"own", "team", "other", "shared"},
    "manager": {"own", "team", "shared"},
    "sales": {"own", "shared"},
    "service": {"own", "shared"},
    "viewer": {"own", "team", "shared"},
}
# Whether each role may change it: managers read only by default ("管理层可以查看所有客户记录,
# 但不能随意修改"), and the share in this world is a read share.
CHANGES = {
    "admin": {"own", "team", "other", "shared"},
    "manager": set(),
    "sales": {"own"},
    "service": set(),
    "viewer": set(),
}
PERMS = {
    "admin": {"users.manage", "audit.view", "settings.manage"},
    "manager": set(),
    "sales": set(),
    "service": set(),
    "viewer": set(),
}


@dataclass(frozen=True)
class Rule:
    # public; user (any signed-in user); perm:<p>; customer, document (the object's visibility
    # decides); change (visible, and only changeable ones open); trash (restore/purge, which
    # find only trashed objects); self (the actor's own token, view, search)
    kind: str
    methods: tuple[str, ...] = ("GET",)


GET, POST, GP = ("GET",), ("POST",), ("GET", "POST")
W = "perm:settings.manage"
RULES: dict[str, Rule] = {
    "": Rule("user"),
    "login/": Rule("public"),
    "logout/": Rule("logout", POST),
    "account/password/": Rule("user", GP),
    "account/tokens/": Rule("user", GP),
    "account/tokens/<int:token_id>/revoke/": Rule("self", POST),
    "admin/users/": Rule("perm:users.manage"),
    "admin/audit/": Rule("perm:audit.view"),
    "admin/users/new/": Rule("perm:users.manage", POST),
    "admin/users/<str:username>/": Rule("perm:users.manage", POST),
    "admin/teams/new/": Rule("perm:users.manage", POST),
    "admin/teams/<str:name>/managers/": Rule("perm:users.manage", POST),
    "admin/roles/<slug:code>/": Rule("perm:users.manage", POST),
    "customers/": Rule("user"),
    "customers/bulk/": Rule("user", POST),
    "customers/views/": Rule("user", POST),
    "customers/views/<int:view_id>/delete/": Rule("self", POST),
    "customers/new/": Rule("user", GP),
    "customers/trash/": Rule("user"),
    "customers/<int:customer_id>/": Rule("customer"),
    "customers/<int:customer_id>/edit/": Rule("change", GP),
    "customers/<int:customer_id>/delete/": Rule("customer", POST),
    "customers/<int:customer_id>/contacts/": Rule("customer", GP),
    "customers/<int:customer_id>/history/": Rule("customer"),
    "customers/<int:customer_id>/history/<int:version>/": Rule("customer"),
    "customers/<int:customer_id>/history/<int:version>/restore/": Rule("customer", POST),
    "customers/<int:customer_id>/access/": Rule("customer", GP),
    "customers/<int:customer_id>/access/<int:share_id>/remove/": Rule("customer", POST),
    "customers/<int:customer_id>/restore/": Rule("trash", POST),
    "customers/<int:customer_id>/purge/": Rule("trash", POST),
    "customers/<int:customer_id>/interactions/": Rule("customer", GP),
    "customers/<int:customer_id>/service/": Rule("customer", GP),
    "pipeline/": Rule("user"),
    "opportunities/<int:opportunity_id>/move/": Rule("customer", POST),
    "customers/<int:customer_id>/opportunities/": Rule("customer", GP),
    "settings/templates/": Rule(W),
    "settings/templates/<slug:code>/": Rule(W, GP),
    "settings/templates/<slug:code>/<slug:key>/change/": Rule(W, POST),
    "settings/templates/<slug:code>/<slug:key>/retire/": Rule(W, POST),
    "settings/templates/<slug:code>/<slug:key>/move/": Rule(W, POST),
    "files/": Rule("user"),
    "files/bulk/": Rule("user", POST),
    "files/trash/": Rule("user"),
    "files/<int:document_id>/": Rule("document", GP),
    "files/<int:document_id>/versions/": Rule("document", POST),
    "files/<int:document_id>/v<int:number>/view/": Rule("document"),
    "files/<int:document_id>/v<int:number>/download/": Rule("document"),
    "files/<int:document_id>/v<int:number>/current/": Rule("document", POST),
    "files/<int:document_id>/confirm/": Rule("document", POST),
    "files/<int:document_id>/delete/": Rule("document", POST),
    "files/<int:document_id>/restore/": Rule("trash", POST),
    "customers/<int:customer_id>/files/": Rule("customer"),
    "customers/<int:customer_id>/files/upload/": Rule("customer", POST),
    "customers/<int:customer_id>/folders/": Rule("customer", POST),
    "customers/<int:customer_id>/folders/<int:folder_id>/rename/": Rule("customer", POST),
    "customers/<int:customer_id>/folders/<int:folder_id>/delete/": Rule("customer", POST),
    "settings/naming/": Rule(W, GP),
    "settings/naming/apply/": Rule(W, POST),
    "settings/naming/<slug:doctype>/delete/": Rule(W, POST),
    "settings/classification/": Rule(W, GP),
    "settings/classification/<int:rule_id>/delete/": Rule(W, POST),
    "search/": Rule("user"),
    "search/saved/": Rule("user", POST),
    "search/saved/<int:search_id>/delete/": Rule("self", POST),
    "i18n/setlang/": Rule("public", POST),
    # The API: the same kinds, with a bearer token.
    "api/v1/": Rule("public"),
    "api/v1/openapi.json": Rule("public"),
    "api/v1/docs": Rule("public"),
    "api/v1/health": Rule("public"),
    "api/v1/me": Rule("user"),
    "api/v1/users": Rule("perm:users.manage", GP),
    "api/v1/users/<user_id>": Rule("perm:users.manage", ("GET", "PATCH")),
    "api/v1/teams": Rule("user", GP),
    "api/v1/roles": Rule("user"),
    "api/v1/tokens": Rule("user", GP),
    "api/v1/tokens/<token_id>": Rule("self", ("DELETE",)),
    "api/v1/audit/events": Rule("perm:audit.view"),
    "api/v1/audit/verify": Rule("perm:audit.view"),
    "api/v1/customers": Rule("user", GP),
    "api/v1/customers/trash": Rule("user"),
    "api/v1/customers/bulk": Rule("user", POST),
    "api/v1/customers/<customer_id>": Rule("customer", ("GET", "PATCH", "DELETE")),
    "api/v1/customers/<customer_id>/restore": Rule("trash", POST),
    "api/v1/customers/<customer_id>/purge": Rule("trash", POST),
    "api/v1/customers/<customer_id>/history": Rule("customer"),
    "api/v1/customers/<customer_id>/revert": Rule("customer", POST),
    "api/v1/customers/<customer_id>/shares": Rule("customer", GP),
    "api/v1/customers/<customer_id>/shares/<share_id>": Rule("customer", ("DELETE",)),
    "api/v1/customers/<customer_id>/access": Rule("customer"),
    "api/v1/customers/<customer_id>/folders": Rule("customer", GP),
    "api/v1/contacts": Rule("user", GP),
    "api/v1/contacts/<contact_id>": Rule("customer", ("GET", "PATCH", "DELETE")),
    "api/v1/interactions": Rule("user", GP),
    "api/v1/interactions/<obj_id>": Rule("customer", ("GET", "PATCH", "DELETE")),
    "api/v1/service-records": Rule("user", GP),
    "api/v1/service-records/<obj_id>": Rule("customer", ("GET", "PATCH", "DELETE")),
    "api/v1/opportunities": Rule("user", GP),
    "api/v1/opportunities/<obj_id>": Rule("customer", ("GET", "PATCH", "DELETE")),
    "api/v1/stages": Rule("user"),
    "api/v1/templates": Rule("user"),
    "api/v1/templates/<code>": Rule("user"),
    "api/v1/templates/<code>/fields": Rule(W, POST),
    "api/v1/templates/<code>/fields/<key>": Rule(W, ("PATCH",)),
    "api/v1/templates/<code>/fields/<key>/retire": Rule(W, POST),
    "api/v1/templates/<code>/fields/<key>/reinstate": Rule(W, POST),
    "api/v1/templates/<code>/order": Rule(W, POST),
    "api/v1/documents": Rule("user", GP),
    "api/v1/documents/bulk": Rule("user", POST),
    "api/v1/documents/<document_id>": Rule("document", ("GET", "PATCH", "DELETE")),
    "api/v1/documents/<document_id>/restore": Rule("trash", POST),
    "api/v1/documents/<document_id>/confirm": Rule("document", POST),
    "api/v1/documents/<document_id>/versions": Rule("document", GP),
    "api/v1/documents/<document_id>/versions/<number>/restore": Rule("document", POST),
    "api/v1/documents/<document_id>/download": Rule("document"),
    "api/v1/documents/<document_id>/content": Rule("document"),
    "api/v1/documents/<document_id>/versions/<number>/content": Rule("document"),
    "api/v1/customers/<customer_id>/documents": Rule("customer", POST),
    "api/v1/search": Rule("user"),
}


# List endpoints that need a parameter to answer at all.
QUERIES = {"api/v1/contacts": "customer={customer_id}", "api/v1/search": "q=公司"}
OBJECT_KINDS = {"customer", "document", "change", "trash"}


def routes() -> list[str]:
    def walk(patterns: list[Any], prefix: str) -> list[str]:
        found: list[str] = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                found += walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                found.append(prefix + str(pattern.pattern))
        return found

    return sorted(set(walk(get_resolver().url_patterns, "")))


def test_every_route_has_a_rule() -> None:
    missing = [route for route in routes() if route not in RULES]
    assert not missing, f"add a permission rule for: {missing}"
    stale = [route for route in RULES if route not in routes()]
    assert not stale, f"rules for routes that no longer exist: {stale}"


# ---- the world each role is tested in ------------------------------------------------------


@dataclass
class World:
    user: User
    customers: dict[str, Customer]
    ids: dict[str, dict[str, int]]  # relation -> route parameter -> value
    own_ids: dict[str, int]


def _records(owner: User, customer: Customer, stranger: User) -> dict[str, int]:
    as_owner = SYSTEM  # the owner's role may not allow adding records; the installation may
    contact = customers.create_contact(as_owner, customer.pk, {"name": "联系人"})
    opportunity = sales.add_opportunity(
        as_owner, {"customer": customer.pk, "project": "项目", "owner": owner.username}
    )
    interaction = interactions.log_interaction(
        as_owner,
        {
            "customer": customer.pk,
            "channel": "电话",
            "occurred_at": "2026-11-30 10:00",
            "summary": "通话",
        },
    )
    document = documents.upload_document(
        as_owner, customer.pk, documents.Upload(io.BytesIO(b"x"), "a.txt")
    )
    share = customers.share_customer(SYSTEM, customer.pk, user=stranger.username)
    return {
        "customer_id": customer.pk,
        "contact_id": contact.pk,
        "opportunity_id": opportunity.pk,
        "interaction": interaction.pk,
        "document_id": document.pk,
        "folder_id": document.folder_id,
        "share_id": share.pk,
        "number": 1,
        "version": 1,
    }


def build_world(role: str) -> World:
    east, west = make_team("东"), make_team("西")
    user = make_user(role, username=f"the-{role}", team=east)
    if role == "manager":
        accounts.set_team_managers(SYSTEM, "东", [user.username])
    mate = make_user("sales", username="mate", team=east)
    stranger = make_user("sales", username="stranger", team=west)
    owners = {"own": user, "team": mate, "other": stranger, "shared": stranger}
    made: dict[str, Customer] = {}
    ids: dict[str, dict[str, int]] = {}
    for relation, owner in owners.items():
        made[relation] = customers.create_customer(
            SYSTEM, {"name": f"{relation} 公司", "owner": owner.username}
        )
        third = stranger if owner != stranger else mate
        ids[relation] = _records(owner, made[relation], third)
    customers.share_customer(SYSTEM, made["shared"].pk, user=user.username)
    documents.set_naming_rule(SYSTEM, "quote", "{customer}-{seq:03d}")
    token = accounts.create_token(SYSTEM, username=user.username, name="matrix")
    view = customers.save_view(actor(user), "mine", "q=x")
    filing = documents.add_classification_rule(
        SYSTEM, FilingRule(pattern="标书", doctype="material")
    )
    own_ids = {
        "token_id": token.token.pk,
        "view_id": view.pk,
        "user_id": user.pk,
        "rule_id": filing.pk,
    }
    return World(user, made, ids, own_ids)


def _fill(route: str, world: World, relation: str) -> str:
    values = {**world.ids[relation], **world.own_ids, "search_id": 0}
    values["obj_id"] = (
        values["opportunity_id"] if "opportunities" in route else values["interaction"]
    )
    fixed = {
        "code": "viewer" if route.startswith("admin/roles") else "customer",
        "key": "notes",
        "doctype": "quote",
        "username": "mate",
        "name": "东",
    }

    def value(match: re.Match[str]) -> str:
        name = match.group("name")
        if name == "obj_id" and "service-records" in route:
            return str(_service_record(world, relation))
        return str(fixed.get(name, values.get(name, 0)))

    path = "/" + re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, route)
    query = QUERIES.get(route, "").format(**values)
    return f"{path}?{query}" if query else path


def _service_record(world: World, relation: str) -> int:
    customer = world.customers[relation]
    found = customer.service_records.first()
    if found is None:
        found = interactions.add_service_record(
            Actor.system("test"),
            {
                "customer": customer.pk,
                "service_date": "2026-11-30",
                "service_type": "售后",
                "handler": customer.owner.username,
            },
        )
    return found.pk


def _send(client: Client, method: str, path: str, token: str | None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with transaction.atomic():  # every request's writes are undone: the world stays the same
        if method == "GET":
            status = client.get(path, headers=headers).status_code
        else:
            call = getattr(client, method.lower())
            status = call(path, "{}", content_type="application/json", headers=headers).status_code
        transaction.set_rollback(True)
    return status


def _expect(
    role: str, relation: str, rule: Rule, method: str, status: int, *, api: bool
) -> str | None:
    """A description of what is wrong with `status`, or None."""
    kind = rule.kind
    if status >= 500:
        return "server error"
    visible = relation in VISIBLE[role]
    # The API checks the body's shape before anything else; a shape error says nothing
    # about the object, so it is no leak.
    shape_error = api and method != "GET" and status == 422
    if kind in OBJECT_KINDS and not visible:
        return None if status == 404 or shape_error else "should be 404 (not visible)"
    if kind == "trash":
        return None
    if kind == "change" and method == "GET":
        want = 200 if relation in CHANGES[role] else 403
        return None if status == want else f"should be {want}"
    if kind.startswith("perm:"):
        allowed = role == "admin" or kind[5:] in PERMS[role]
        if not allowed:
            return None if status == 403 or shape_error else "should be 403"
    if status == 404 and kind not in {"self", "public"}:
        return "should be found"
    if method == "GET" and kind != "public" and status != 200:
        return "should be 200"
    if role == "admin" and status in {401, 403}:
        return "admin was refused"
    return None


@pytest.mark.parametrize("role", ROLES)
def test_every_route_as_every_role(role: str) -> None:
    world = build_world(role)
    web, api = Client(), Client()
    web.force_login(world.user)
    token = accounts.create_token(SYSTEM, username=world.user.username, name="api").plaintext
    wrong = []
    for route, rule in sorted(RULES.items()):
        if rule.kind == "logout":
            continue  # it would end the session of every request after it
        relations = RELATIONS if rule.kind in OBJECT_KINDS else ("own",)
        is_api = route.startswith("api/")
        for relation in relations:
            path = _fill(route, world, relation)
            for method in rule.methods:
                client = api if is_api else web
                status = _send(client, method, path, token if is_api else None)
                problem = _expect(role, relation, rule, method, status, api=is_api)
                if problem:
                    wrong.append(f"{role} {method} {path} ({relation}): {status}, {problem}")
    assert not wrong, "\n".join(wrong)


def test_an_anonymous_visitor_reaches_only_the_public_routes() -> None:
    world = build_world("sales")
    client = Client()
    wrong = []
    for route, rule in RULES.items():
        path = _fill(route, world, "own")
        for method in rule.methods:
            status = _send(client, method, path, None)
            if rule.kind not in {"public", "logout"} and status not in {302, 401, 403, 404}:
                wrong.append(f"{method} {path}: {status}")
    assert not wrong, "\n".join(wrong)
