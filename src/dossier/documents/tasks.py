"""Background jobs of customer files."""

from __future__ import annotations

from typing import Any

from dossier.core.actor import Actor
from dossier.documents import services
from dossier.infra.jobs.registry import handler


@handler("documents.extract_text")
def extract_text(payload: dict[str, Any]) -> None:
    services.store_text(Actor.system("job"), int(payload["document"]), int(payload["number"]))
