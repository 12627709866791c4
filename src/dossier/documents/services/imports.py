"""Bringing in a tree of customer folders as the seeds tell people to keep them, and taking a
dossier out again as a ZIP with a manifest.

A folder at `customer_level` names a customer: it is matched to an existing customer (exact
name first, then a close one, the match shown), or a new customer is made. Folders below it
become folders of that customer; every file becomes a document dated by its modification
time. A file whose content the customer has already is skipped, so running it twice imports
nothing twice.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from dossier.core.actor import Actor
from dossier.core.errors import Invalid
from dossier.core.text import normalise
from dossier.customers import selectors as customers
from dossier.customers import services as customer_services
from dossier.documents import selectors
from dossier.documents.models import DocumentVersion
from dossier.documents.naming import sanitise
from dossier.documents.services.files import Details, Upload, upload_document
from dossier.infra.storage.services import default_store

FUZZY_CUTOFF = 88


@dataclass(frozen=True)
class CustomerMatch:
    folder: str
    customer_id: int | None  # None: a new customer will be made
    name: str
    how: str  # "exact", "close (93)", "new"


@dataclass(frozen=True)
class PlannedFile:
    path: Path
    customer_folder: str
    folder: str | None  # the folder path below the customer's, None for its top
    sha256: str
    day: date


@dataclass
class Plan:
    customers: dict[str, CustomerMatch] = field(default_factory=dict)
    files: list[PlannedFile] = field(default_factory=list)
    already: int = 0  # files whose content the customer has already
    outside: list[Path] = field(default_factory=list)  # files above the customer level
    empty: list[Path] = field(default_factory=list)  # empty files are no documents


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _matcher(actor: Actor) -> Callable[[str], CustomerMatch]:
    rows = list(customers.readable(actor).values_list("id", "name"))
    exact = {normalise(name).strip(): (pk, name) for pk, name in rows}
    names = {pk: normalise(name) for pk, name in rows}
    by_id = dict(rows)
    # Imported here: only a folder import matches names, and the server need not carry it.
    from rapidfuzz import fuzz, process

    def match(folder: str) -> CustomerMatch:
        key = normalise(folder).strip()
        if key in exact:
            pk, name = exact[key]
            return CustomerMatch(folder, pk, name, "exact")
        found = process.extractOne(key, names, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF)
        if found is not None:
            _choice, score, pk = found
            return CustomerMatch(folder, pk, by_id[pk], f"close ({score:.0f})")
        return CustomerMatch(folder, None, folder, "new")

    return match


def plan_folder(actor: Actor, root: Path, *, customer_level: int = 0) -> Plan:
    """What an import of `root` would do; reads only."""
    if not root.is_dir():
        raise Invalid.single("path", _("%(path)s is not a folder.") % {"path": root})
    match, plan = _matcher(actor), Plan()
    known: dict[int, set[str]] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        parts = path.relative_to(root).parts
        if any(part.startswith(".") for part in parts):
            continue  # hidden files and folders (.DS_Store, .git) are not customer files
        if len(parts) <= customer_level + 1:
            plan.outside.append(path)
            continue
        if path.stat().st_size == 0:
            plan.empty.append(path)
            continue
        customer_folder = parts[customer_level]
        target = plan.customers.setdefault(customer_folder, match(customer_folder))
        sha256 = _sha256(path)
        if target.customer_id is not None:
            if target.customer_id not in known:  # one read per customer, not per file
                known[target.customer_id] = _contents(target.customer_id)
            have = known[target.customer_id]
            if sha256 in have:
                plan.already += 1
                continue
            have.add(sha256)
        folder = "/".join(parts[customer_level + 1 : -1]) or None
        day = datetime.fromtimestamp(
            path.stat().st_mtime, tz=timezone.get_current_timezone()
        ).date()
        plan.files.append(PlannedFile(path, customer_folder, folder, sha256, day))
    return plan


def _contents(customer_id: int) -> set[str]:
    return set(
        DocumentVersion.objects.filter(document__customer_id=customer_id).values_list(
            "blob_id", flat=True
        )
    )


@dataclass
class Imported:
    customers_made: int = 0
    files: int = 0


def import_folder(
    actor: Actor,
    plan: Plan,
    *,
    owner: str | None = None,
    on_file: Callable[[], None] = lambda: None,
) -> Imported:
    """Carry out a plan. New customers belong to `owner` (default: the actor)."""
    result = Imported()
    ids: dict[str, int] = {}
    for folder, match in plan.customers.items():
        if match.customer_id is not None:
            ids[folder] = match.customer_id
            continue
        data = {"name": match.name, **({"owner": owner} if owner else {})}
        ids[folder] = customer_services.create_customer(actor, data).pk
        result.customers_made += 1
    for planned in plan.files:
        details = Details(folder=planned.folder, document_date=planned.day, create_folder=True)
        with planned.path.open("rb") as stream:
            upload_document(
                actor, ids[planned.customer_folder], Upload(stream, planned.path.name), details
            )
        result.files += 1
        on_file()
    return result


MANIFEST_FIELDS = ["name", "path", "type", "date", "sha256", "customer", "version"]


def export_dossiers(
    actor: Actor, target: io.RawIOBase | Path, customer_ids: Iterable[int] | None
) -> int:
    """A ZIP of `<customer>/<folders>/<file>` (current versions, named by the rules) and
    manifest.csv; `customer_ids` None means every customer the actor may see."""
    rows = selectors.for_display(selectors.readable(actor)).select_related("customer")
    if customer_ids is not None:
        rows = rows.filter(customer_id__in=list(customer_ids))
    manifest = io.StringIO()
    writer = csv.DictWriter(manifest, fieldnames=MANIFEST_FIELDS)
    writer.writeheader()
    count = 0
    paths: dict[int, dict[int, str]] = {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in rows.order_by("customer_id", "folder_id", "name").iterator(chunk_size=200):
            folders = paths.setdefault(
                document.customer_id,
                dict(selectors.folder_paths(list(selectors.folders(actor, document.customer_id)))),
            )
            version = next(v for v in document.versions.all() if v.number == document.current)
            folder = folders.get(document.folder_id, "")
            inside = f"{sanitise(document.customer.name)}/{folder}/{document.name}"
            with default_store().open(version.blob_id) as source, archive.open(inside, "w") as sink:
                while chunk := source.read(1 << 20):
                    sink.write(chunk)
            writer.writerow(
                {
                    "name": document.name,
                    "path": inside,
                    "type": document.doctype,
                    "date": (document.document_date or document.created_at.date()).isoformat(),
                    "sha256": version.blob_id,
                    "customer": document.customer_id,
                    "version": document.current,
                }
            )
            count += 1
        archive.writestr("manifest.csv", "\ufeff" + manifest.getvalue())  # BOM: Excel reads UTF-8
    return count
