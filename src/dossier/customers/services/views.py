"""Saved views of the customer list: each user's own named filters."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django.utils.translation import gettext as _

from dossier.access.policy import require_write
from dossier.audit.services import record
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import Invalid, NotFound
from dossier.customers.models import SavedView

MAX_VIEWS = 50
KEPT = {
    "q",
    "kind",
    "category",
    "province",
    "city",
    "industry",
    "level",
    "source",
    "owner",
    "tag",
    "created_from",
    "created_to",
    "updated_from",
    "updated_to",
    "sort",
}


def save_view(actor: Actor, name: str, query: str) -> SavedView:
    require_write(actor)
    name = " ".join(name.split())
    if not 1 <= len(name) <= 60:
        raise Invalid.single("name", _("A view name has 1 to 60 characters."))
    kept = urlencode([(k, v) for k, v in parse_qsl(query) if k in KEPT and v])
    mine = SavedView.objects.filter(user_id=actor.require_user_id())
    if not mine.filter(name=name).exists() and mine.count() >= MAX_VIEWS:
        raise Invalid.single(
            "name", _("You have %(n)s saved views; delete one first.") % {"n": MAX_VIEWS}
        )
    view, _created = SavedView.objects.update_or_create(
        user_id=actor.require_user_id(),
        name=name,
        defaults={"query": kept, "created_at": clock.now()},
    )
    record(actor, "saved_view.saved", object_type="saved_view", object_id=view.pk, summary=name)
    return view


def delete_view(actor: Actor, view_id: int) -> None:
    require_write(actor)
    view = SavedView.objects.filter(pk=view_id, user_id=actor.require_user_id()).first()
    if view is None:
        raise NotFound(_("There is no such saved view."))
    view.delete()
    record(
        actor, "saved_view.deleted", object_type="saved_view", object_id=view_id, summary=view.name
    )
