"""Opportunities: add, move through the pipeline, change, delete."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from dossier.access.policy import ALL, has_perm
from dossier.accounts.models import User
from dossier.core.actor import Actor
from dossier.core.errors import Invalid
from dossier.customers.services.children import ChildKind, create_child, delete_child, update_child
from dossier.sales.models import Opportunity, Stage

OPPORTUNITY = ChildKind(
    Opportunity,
    "opportunity",
    "opportunity",
    "customer.change",
    references=("stage", "owner"),
    title_field="project",
)


def _stage(raw: object) -> Stage:
    stage = (
        Stage.objects.filter(code=str(raw)).first() or Stage.objects.filter(name=str(raw)).first()
    )
    if stage is None:
        codes = ", ".join(Stage.objects.values_list("code", flat=True))
        raise Invalid.single(
            "stage",
            _("“%(s)s” is not a stage of the pipeline: %(codes)s.") % {"s": raw, "codes": codes},
        )
    return stage


def _refs(actor: Actor, data: Mapping[str, Any]) -> dict[str, Any]:
    refs: dict[str, Any] = {}
    creating = "customer" in data
    if "stage" in data or creating:
        refs["stage"] = _stage(data.get("stage") or Stage.objects.order_by("position").first())
        if "probability" not in data:
            refs["probability"] = refs["stage"].probability
    if "owner" in data or creating:
        username = data.get("owner") or actor.username
        owner = User.objects.filter(username=str(username), is_active=True).first()
        if owner is None:
            raise Invalid.single("owner", _("There is no active user “%(u)s”.") % {"u": username})
        widened = ALL in actor.permissions or has_perm(actor, "customer.change_in_scope")
        if owner.pk != actor.user_id and not widened:
            raise Invalid.single(
                "owner", _("You may not give opportunities to others."), "permission_denied"
            )
        refs["owner"] = owner
    return refs


def add_opportunity(actor: Actor, data: Mapping[str, Any]) -> Opportunity:
    opportunity: Opportunity = create_child(actor, OPPORTUNITY, data, _refs)
    return opportunity


def update_opportunity(
    actor: Actor, opportunity_id: int, changes: Mapping[str, Any], *, expected_version: int | None
) -> Opportunity:
    opportunity: Opportunity = update_child(
        actor, OPPORTUNITY, opportunity_id, changes, _refs, expected_version=expected_version
    )
    return opportunity


def delete_opportunity(actor: Actor, opportunity_id: int) -> Opportunity:
    opportunity: Opportunity = delete_child(actor, OPPORTUNITY, opportunity_id)
    return opportunity
