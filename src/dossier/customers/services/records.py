"""Every write to a customer: checked, cleaned by the template, versioned, revisioned, audited."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from dossier.access.policy import (
    ALL,
    has_perm,
    may_delete_customer,
    require,
    require_write,
)
from dossier.accounts.models import User
from dossier.audit.domain import diff, state_at
from dossier.audit.models import Revision
from dossier.audit.services import record, track
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import Conflict, FieldError, Invalid, NotFound, PermissionDenied
from dossier.customers import selectors
from dossier.customers.domain import (
    COLUMNS,
    KINDS,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    REFERENCES,
    flatten,
    referral_cycle,
    split_tags,
)
from dossier.customers.models import Category, Customer, CustomerTag, Tag
from dossier.customers.sensitive import blind_index, is_sealed, may_see, seal, unseal
from dossier.customfields import selectors as templates
from dossier.customfields.domain import FieldSpec, clean_values
from dossier.customfields.services import context, invalid_from

TEMPLATE = "customer"
DEFAULT_CATEGORY = "prospect"


@dataclass
class Input:
    """Cleaned input: template values, resolved references, and every problem found."""

    values: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, Any] = field(default_factory=dict)
    problems: list[FieldError] = field(default_factory=list)
    # The template's fields, read once per write: cleaning, unique checks and applying share it.
    specs: list[FieldSpec] = field(default_factory=lambda: templates.specs(TEMPLATE))

    def fail(self, key: str, message: str, code: str = "invalid") -> None:
        self.problems.append(FieldError(key, message, code))


def snapshot(customer: Customer) -> dict[str, object]:
    columns: dict[str, object] = {key: getattr(customer, key) for key in COLUMNS}
    if isinstance(columns["birthday"], date):
        columns["birthday"] = columns["birthday"].isoformat()
    refs = {
        "kind": customer.kind,
        "category": customer.category.code,
        "owner": customer.owner.username,
        "team": customer.team.name if customer.team else None,
        "referrer": customer.referrer_id,
        "tags": sorted(tag.name for tag in customer.tags.all()),
        "deleted": customer.deleted_at is not None,
    }
    return flatten(columns, refs, customer.custom or {})


# ---- cleaning ----------------------------------------------------------------------------


def _clean_template(data: Mapping[str, Any], result: Input, *, partial: bool) -> None:
    specs = result.specs
    custom = data.get("custom") or {}
    if not isinstance(custom, Mapping):
        result.fail("custom", _("Expected an object of template fields."))
        custom = {}
    columns = {k: v for k, v in data.items() if k not in REFERENCES and k != "custom"}
    system = {spec.key for spec in specs if spec.is_system}
    for key in columns:
        if key not in system:
            result.fail(key, _("There is no such field."), "unknown_field")
    for key in custom:
        if key in system:
            result.fail(f"custom.{key}", _("This is not a custom field."), "unknown_field")
    cleaned = clean_values(
        [s for s in specs if s.is_system],
        {k: v for k, v in columns.items() if k in system},
        context(),
        partial=partial,
    )
    cleaned_custom = clean_values(
        [s for s in specs if not s.is_system],
        {k: v for k, v in custom.items() if k not in system},
        context(),
        partial=partial,
    )
    result.problems += invalid_from(cleaned, specs).errors if cleaned.problems else []
    if cleaned_custom.problems:
        result.problems += invalid_from(cleaned_custom, specs, "custom.").errors
    result.values = {
        **cleaned.values,
        **{f"custom.{k}": v for k, v in cleaned_custom.values.items()},
    }


def _owner(actor: Actor, username: object, current: Customer | None, result: Input) -> None:
    user = (
        User.objects.select_related("team").filter(username=str(username), is_active=True).first()
    )
    if user is None:
        result.fail("owner", _("There is no active user “%(user)s”.") % {"user": username})
        return
    assigning_other = user.pk != actor.user_id
    changing = current is None or current.owner_id != user.pk
    widened = ALL in actor.permissions or has_perm(actor, "customer.change_in_scope")
    if changing and (assigning_other or current is not None) and not widened:
        # An escalation, not a typo: refused as such (403), and so recorded in the audit trail.
        raise PermissionDenied(
            _("You may not give customers to others or take them over."), field="owner"
        )
    result.refs["owner"] = user


def _referrer(actor: Actor, raw: object, current: Customer | None, result: Input) -> None:
    if raw in (None, ""):
        result.refs["referrer"] = None
        return
    try:
        referrer_id = int(str(raw))
    except ValueError:
        result.fail("referrer", _("Expected a customer id."))
        return
    referrer = selectors.readable(actor).filter(pk=referrer_id).first()
    if referrer is None:
        result.fail("referrer", _("There is no customer %(id)s.") % {"id": referrer_id})
        return
    chain = dict(Customer.objects.filter(referrer__isnull=False).values_list("id", "referrer_id"))
    if current is not None and referral_cycle(current.pk, referrer_id, chain):
        result.fail("referrer", _("This would make a referral cycle."), "cycle")
        return
    result.refs["referrer"] = referrer


def _references(
    actor: Actor, data: Mapping[str, Any], current: Customer | None, result: Input
) -> None:
    if "kind" in data:
        if data["kind"] not in KINDS:
            result.fail("kind", _("Choose person or company."))
        else:
            result.refs["kind"] = data["kind"]
    if "category" in data or current is None:
        wanted = str(data.get("category") or DEFAULT_CATEGORY)
        category = Category.objects.filter(
            Q(code=wanted) | Q(name=wanted) | Q(name_en=wanted)
        ).first()
        if category is None:
            result.fail("category", _("There is no category “%(c)s”.") % {"c": wanted})
        result.refs["category"] = category
    if "owner" in data and data["owner"] not in (None, ""):
        _owner(actor, data["owner"], current, result)
    if "referrer" in data:
        _referrer(actor, data["referrer"], current, result)
    if "tags" in data:
        tags = split_tags(data["tags"])
        if len(tags) > MAX_TAGS or any(len(t) > MAX_TAG_LENGTH for t in tags):
            result.fail(
                "tags",
                _("At most %(n)s tags of at most %(len)s characters each.")
                % {"n": MAX_TAGS, "len": MAX_TAG_LENGTH},
            )
        result.refs["tags"] = tags


def _unique(values: Mapping[str, Any], current: Customer | None, result: Input) -> None:
    for spec in result.specs:
        key = spec.key if spec.is_system else f"custom.{spec.key}"
        value = values.get(key)
        if not spec.unique or value in (None, ""):
            continue
        lookup = {spec.key: value} if spec.is_system else {f"custom__{spec.key}": value}
        if spec.sensitive and not spec.is_system:
            lookup = {f"custom__{spec.key}__bi": blind_index(value)}
        clash = Customer.objects.filter(deleted_at__isnull=True, **lookup)
        if current is not None:
            clash = clash.exclude(pk=current.pk)
        if clash.exists():
            result.fail(
                key,
                _("%(label)s: this value is used by another customer already.")
                % {"label": spec.label},
                "taken",
            )


def clean_input(actor: Actor, data: Mapping[str, Any], current: Customer | None) -> Input:
    result = Input()
    _clean_template(data, result, partial=current is not None)
    _references(actor, data, current, result)
    _unique(result.values, current, result)
    if result.problems:
        raise Invalid(result.problems)
    return result


# ---- applying ----------------------------------------------------------------------------


def _stored(current: object, value: object, sensitive: bool) -> object:
    """What goes in `custom`: sensitive values sealed, an unchanged one kept as it was (a new
    seal of the same value would read as a change in the history)."""
    if not sensitive:
        return value
    if is_sealed(current) and unseal(current) == value:
        return current
    return seal(value)


def _apply(customer: Customer, cleaned: Input) -> None:
    sensitive = {s.key for s in cleaned.specs if s.sensitive and not s.is_system}
    for key, value in cleaned.values.items():
        if key.startswith("custom."):
            custom_key = key.removeprefix("custom.")
            if value in (None, [], ""):
                customer.custom.pop(custom_key, None)
            else:
                current = customer.custom.get(custom_key)
                customer.custom[custom_key] = _stored(current, value, custom_key in sensitive)
        elif key == "birthday":
            customer.birthday = date.fromisoformat(value) if value else None
        else:
            setattr(customer, key, value or "")
    for key in ("kind", "category", "referrer"):
        if key in cleaned.refs:
            setattr(customer, key, cleaned.refs[key])
    if "owner" in cleaned.refs:
        customer.owner = cleaned.refs["owner"]
        customer.team = customer.owner.team


def _set_tags(customer: Customer, names: list[str]) -> None:
    wanted = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        wanted.append(tag)
    CustomerTag.objects.filter(customer=customer).exclude(tag__in=wanted).delete()
    have = set(CustomerTag.objects.filter(customer=customer).values_list("tag_id", flat=True))
    CustomerTag.objects.bulk_create(
        [CustomerTag(customer=customer, tag=tag) for tag in wanted if tag.pk not in have]
    )


# ---- operations --------------------------------------------------------------------------


def create_customer(actor: Actor, data: Mapping[str, Any]) -> Customer:
    require(actor, "customer.add")
    require_write(actor)
    cleaned = clean_input(actor, data, current=None)
    if "owner" not in cleaned.refs:
        if actor.user_id is None:
            raise Invalid.single("owner", _("Name the owner of the new customer."))
        cleaned.refs["owner"] = User.objects.select_related("team").get(pk=actor.user_id)
    now = clock.now()
    customer = Customer(custom={}, created_at=now, updated_at=now, version=1)
    _apply(customer, cleaned)
    customer.save()
    _set_tags(customer, cleaned.refs.get("tags", []))
    track(
        actor,
        "created",
        object_type="customer",
        object_id=customer.pk,
        version=1,
        changes=diff({}, snapshot(customer)),
        summary=customer.name,
    )
    return customer


def _for_change(actor: Actor, customer_id: int, *, deleted: bool = False) -> Customer:
    """The customer, row-locked, if the actor may see it; NotFound otherwise."""
    visible = selectors.trash(actor) if deleted else selectors.readable(actor)
    if not visible.filter(pk=customer_id).exists():
        raise NotFound(_("There is no customer %(id)s.") % {"id": customer_id})
    return (
        Customer.objects.select_for_update(of=("self",))
        .select_related("category", "owner", "team")
        .get(pk=customer_id)
    )


def _check_version(customer: Customer, expected: int | None) -> None:
    if expected is None:
        raise Invalid.single(
            "version", _("Send the version you read, to avoid overwriting someone else's change.")
        )
    if customer.version != expected:
        last = Revision.objects.filter(object_type="customer", object_id=customer.pk).first()
        who = last.actor if last else "?"
        when = last.occurred_at.isoformat() if last else None
        raise Conflict(
            _("%(who)s changed this customer after you opened it (now version %(v)s).")
            % {"who": who, "v": customer.version},
            field="version",
            details={"current_version": customer.version, "changed_by": who, "changed_at": when},
        )


def _save_change(
    actor: Actor, customer: Customer, before: dict[str, object], action: str
) -> Customer:
    after = snapshot(customer)
    customer.version += 1
    customer.updated_at = clock.now()
    customer.save()
    track(
        actor,
        action,
        object_type="customer",
        object_id=customer.pk,
        version=customer.version,
        changes=diff(before, after),
        summary=customer.name,
    )
    return customer


def update_customer(
    actor: Actor, customer_id: int, changes: Mapping[str, Any], *, expected_version: int | None
) -> Customer:
    require_write(actor)
    customer = _for_change(actor, customer_id)
    if not selectors.may_change(actor, customer):
        raise PermissionDenied(_("You may not change this customer."))
    _check_version(customer, expected_version)
    cleaned = clean_input(actor, changes, current=customer)
    before = snapshot(customer)
    _apply(customer, cleaned)
    if "tags" in cleaned.refs:
        _set_tags(customer, cleaned.refs["tags"])
    return _save_change(actor, customer, before, "updated")


def delete_customer(
    actor: Actor, customer_id: int, *, expected_version: int | None = None
) -> Customer:
    """Move to the trash; whoever may delete may also take it back out."""
    require_write(actor)
    customer = _for_change(actor, customer_id)
    if not may_delete_customer(actor, customer.owner_id, customer.team_id):
        raise PermissionDenied(_("You may not delete this customer."))
    if expected_version is not None:
        _check_version(customer, expected_version)
    before = snapshot(customer)
    customer.deleted_at = clock.now()
    return _save_change(actor, customer, before, "deleted")


def restore_customer(actor: Actor, customer_id: int) -> Customer:
    require_write(actor)
    customer = _for_change(actor, customer_id, deleted=True)
    if not may_delete_customer(actor, customer.owner_id, customer.team_id):
        raise PermissionDenied(_("You may not restore this customer."))
    before = snapshot(customer)
    customer.deleted_at = None
    return _save_change(actor, customer, before, "restored")


def revert_customer(
    actor: Actor, customer_id: int, to_version: int, *, expected_version: int | None
) -> Customer:
    """Make an earlier revision current again, as a new revision."""
    require_write(actor)
    customer = _for_change(actor, customer_id)
    if not selectors.may_change(actor, customer):
        raise PermissionDenied(_("You may not change this customer."))
    _check_version(customer, expected_version)
    history = Revision.objects.filter(object_type="customer", object_id=customer.pk)
    if not 1 <= to_version < customer.version:
        raise Invalid.single(
            "to_version", _("Choose an earlier version, 1 to %(v)s.") % {"v": customer.version - 1}
        )
    target = state_at(history.values_list("version", "changes"), to_version)
    before = snapshot(customer)
    _restore_state(customer, target)
    return _save_change(actor, customer, before, "reverted")


def _restore_state(customer: Customer, state: Mapping[str, Any]) -> None:
    """Put a snapshot back. Values were valid when stored; references that vanished stay as
    they are now (a purged referrer, a deleted owner)."""
    for key in COLUMNS:
        value = state.get(key)
        if key == "birthday":
            customer.birthday = date.fromisoformat(str(value)) if value else None
        else:
            setattr(customer, key, value or "")
    customer.custom = {
        k.removeprefix("custom."): v for k, v in state.items() if k.startswith("custom.")
    }
    customer.kind = str(state.get("kind") or customer.kind)
    customer.category = (
        Category.objects.filter(code=state.get("category")).first() or customer.category
    )
    owner = User.objects.filter(username=state.get("owner"), is_active=True).first()
    if owner is not None:
        customer.owner, customer.team = owner, owner.team
    referrer_id = state.get("referrer")
    customer.referrer = Customer.objects.filter(pk=referrer_id).first() if referrer_id else None
    _set_tags(customer, [str(t) for t in state.get("tags") or []])


def purge_customer(actor: Actor, customer_id: int) -> None:
    """Delete for good what is in the trash, with its history. The audit trail keeps the fact."""
    require_write(actor)
    customer = _for_change(actor, customer_id, deleted=True)
    require(actor, "trash.purge")
    Revision.objects.filter(object_type="customer", object_id=customer.pk).delete()
    name, pk = customer.name, customer.pk
    customer.delete()
    record(actor, "customer.purged", object_type="customer", object_id=pk, summary=name)


BULK_ACTIONS = ("assign_owner", "add_tag", "remove_tag", "set_category")


def bulk_update(actor: Actor, customer_ids: list[int], action: str, value: str) -> int:
    """Apply one change to many customers, each through the same checks as a single change."""
    if action not in BULK_ACTIONS:
        raise Invalid.single("action", _("Choose one of: %(a)s.") % {"a": ", ".join(BULK_ACTIONS)})
    if not customer_ids or len(customer_ids) > 1000:
        raise Invalid.single("ids", _("Choose 1 to 1000 customers."))
    changed = 0
    for customer_id in customer_ids:
        current = _for_change(actor, customer_id)
        tags = [t.name for t in current.tags.all()]
        options: dict[str, dict[str, Any]] = {
            "assign_owner": {"owner": value},
            "set_category": {"category": value},
            "add_tag": {"tags": [*tags, value]},
            "remove_tag": {"tags": [t for t in tags if t.casefold() != value.casefold()]},
        }
        update_customer(actor, customer_id, options[action], expected_version=current.version)
        changed += 1
    return changed


def note_unmasked_read(actor: Actor, customers: Iterable[Customer]) -> None:
    """Each read of sensitive values in clear leaves a trace in the audit trail: one event
    per page or answer, naming the customers whose sensitive values were shown."""
    _note_unmasked(actor, [(c.pk, c.custom) for c in customers])


def note_unmasked_rows(actor: Actor, rows: Iterable[Mapping[str, Any]]) -> None:
    """The same for the rows of a list page (`selectors.list_page`)."""
    _note_unmasked(actor, [(row["id"], row["custom"]) for row in rows])


def _note_unmasked(actor: Actor, customs: list[tuple[int, dict[str, Any] | None]]) -> None:
    if not may_see(actor) or not any(custom for _id, custom in customs):
        return  # nothing could be shown: no need to read which fields are sensitive
    keys = selectors.sensitive_keys()
    shown = [pk for pk, custom in customs if keys & {k for k, v in (custom or {}).items() if v}]
    if shown:
        record(
            actor,
            "customer.sensitive_viewed",
            object_type="customer",
            object_id=shown[0],
            summary=f"{len(shown)} customer(s)",
            changes={"ids": shown[:500]},
        )
