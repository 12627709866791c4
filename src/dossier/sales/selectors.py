"""Reading opportunities and the pipeline, through the customers the actor may see."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from dossier.core.actor import Actor
from dossier.core.errors import NotFound
from dossier.customers.selectors import readable
from dossier.sales.models import Opportunity, Stage


def opportunities(actor: Actor) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(
        customer__in=readable(actor), deleted_at__isnull=True
    ).select_related("customer", "stage", "owner")


def opportunity(actor: Actor, opportunity_id: int) -> Opportunity:
    found = opportunities(actor).filter(pk=opportunity_id).first()
    if found is None:
        raise NotFound(_("There is no opportunity %(id)s.") % {"id": opportunity_id})
    return found


def stages() -> QuerySet[Stage]:
    return Stage.objects.all()


def board(actor: Actor, per_stage: int = 50) -> list[dict[str, object]]:
    """The pipeline: each stage with its count, total amount, and newest opportunities."""
    rows = opportunities(actor)
    totals: dict[int, dict[str, Any]] = {
        row["stage"]: dict(row)
        for row in rows.values("stage").annotate(n=Count("id"), total=Sum("amount"))
    }
    columns = []
    for stage in stages():
        summary = totals.get(stage.pk, {})
        columns.append(
            {
                "stage": stage,
                "count": summary.get("n", 0),
                "total": summary.get("total") or Decimal(0),
                "items": list(rows.filter(stage=stage).order_by("-updated_at")[:per_stage]),
            }
        )
    return columns


def open_pipeline(actor: Actor) -> dict[str, Any]:
    """The open opportunities the actor may see: how many, and their amount."""
    rows = opportunities(actor).filter(stage__is_won=False, stage__is_lost=False)
    summary = rows.aggregate(n=Count("id"), total=Sum("amount"))
    return {"count": summary["n"] or 0, "total": summary["total"] or Decimal(0)}
