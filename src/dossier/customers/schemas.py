"""API shapes of customers and contacts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

from dossier.accounts.auth import request_actor
from dossier.api_schemas import PageOut, StrictIn
from dossier.core.paging import Page
from dossier.customers.models import Contact, Customer
from dossier.customers.selectors import revealer, shown_custom
from dossier.customers.sensitive import Revealer


class CustomerOut(Schema):
    id: int
    kind: str
    name: str
    company: str
    title: str
    phone: str = Field(..., description="E.164, e.g. +8613812345678")
    email: str
    address: str
    province: str
    city: str
    district: str
    industry: str
    level: str
    source: str
    birthday: date | None
    category: str
    owner: str
    team: str | None
    referrer: int | None
    tags: list[str]
    custom: dict[str, Any]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_category(customer: Customer) -> str:
        return customer.category.code

    @staticmethod
    def resolve_owner(customer: Customer) -> str:
        return customer.owner.username

    @staticmethod
    def resolve_team(customer: Customer) -> str | None:
        return customer.team.name if customer.team else None

    @staticmethod
    def resolve_referrer(customer: Customer) -> int | None:
        return customer.referrer_id

    @staticmethod
    def resolve_tags(customer: Customer) -> list[str]:
        return sorted(tag.name for tag in customer.tags.all())

    @staticmethod
    def resolve_custom(customer: Customer, context: dict[str, Any]) -> dict[str, Any]:
        """Sensitive values masked unless the caller may see them."""
        request = context["request"]
        shown = getattr(request, "_dossier_revealer", None)
        if shown is None:  # one per answer: a list page reads the template once
            shown = request._dossier_revealer = revealer(request_actor(request))
        return shown_custom(request_actor(request), customer, shown)


class CustomerPage(PageOut):
    items: list[CustomerOut]


def customer_page(page: Page, shown: Revealer) -> CustomerPage:
    """The list answer from `selectors.list_page` rows, custom values revealed by `shown`.
    Built without validating again (ninja then only serialises it): each row already holds
    CustomerOut's types, and validating 50 customers through the resolvers above was about a
    third of a list request's time."""
    rows: list[dict[str, Any]] = page.items  # type: ignore[assignment]
    items = [
        CustomerOut.model_construct(**{**row, "custom": shown.reveal(row["custom"] or {})})
        for row in rows
    ]
    return CustomerPage.model_construct(
        items=items,
        count=page.count,
        limit=page.limit,
        offset=page.offset,
        count_exact=page.count_exact,
    )


class CustomerIn(BaseModel):
    """Template fields by key (see GET /templates/customer); `custom` holds the template's
    custom fields. Values may be typed as users type them (“138 1234 5678”, “2024年3月5日”):
    Dossier normalises them. Unknown keys are refused by name."""

    model_config = ConfigDict(extra="allow")
    name: Any = None
    kind: Any = Field(None, description="person or company")
    company: Any = None
    title: Any = None
    phone: Any = None
    email: Any = None
    address: Any = None
    province: Any = None
    city: Any = None
    district: Any = None
    industry: Any = None
    level: Any = None
    source: Any = None
    birthday: Any = None
    category: Any = Field(None, description="Category code: prospect, active, lost, …")
    owner: Any = Field(None, description="Owner's user name")
    referrer: Any = Field(None, description="The referring customer's id")
    tags: Any = Field(None, description="A list of tags, or one comma-separated string")
    custom: Any = Field(None, description="Custom template fields by key")


class CustomerPatch(CustomerIn):
    version: Any = Field(None, description="The version you read; or send If-Match")


class BulkIn(StrictIn):
    ids: list[int] = Field(..., min_length=1, max_length=1000)
    action: str = Field(..., description="assign_owner, add_tag, remove_tag or set_category")
    value: str = Field(..., max_length=200)


class BulkOut(Schema):
    changed: int


class RevertIn(StrictIn):
    to_version: int = Field(..., ge=1)
    version: int | None = None


class RevisionOut(Schema):
    version: int
    action: str
    occurred_at: datetime
    actor: str
    changes: dict[str, Any]


class ContactOut(Schema):
    id: int
    customer: int
    name: str
    title: str
    phones: list[str]
    emails: list[str]
    wechat: str
    birthday: date | None
    is_primary: bool
    notes: str
    version: int

    @staticmethod
    def resolve_customer(contact: Contact) -> int:
        return contact.customer_id


class ContactPage(PageOut):
    items: list[ContactOut]


class ContactIn(StrictIn):
    customer: int
    name: str = Field(..., max_length=100)
    title: str = Field("", max_length=100)
    phones: list[str] = Field(default_factory=list, max_length=10)
    emails: list[str] = Field(default_factory=list, max_length=10)
    wechat: str = Field("", max_length=64)
    birthday: str | None = Field(None, max_length=40)
    is_primary: bool = False
    notes: str = Field("", max_length=10_000)


class ContactPatch(StrictIn):
    version: int | None = None
    name: str | None = Field(None, max_length=100)
    title: str | None = Field(None, max_length=100)
    phones: list[str] | None = Field(None, max_length=10)
    emails: list[str] | None = Field(None, max_length=10)
    wechat: str | None = Field(None, max_length=64)
    birthday: str | None = Field(None, max_length=40)
    is_primary: bool | None = None
    notes: str | None = Field(None, max_length=10_000)


class ShareOut(Schema):
    id: int
    user: str | None
    team: str | None
    access: str
    reason: str
    expires_at: datetime | None
    granted_by: str | None
    created_at: datetime

    @staticmethod
    def resolve_user(share: Any) -> str | None:
        return share.user.username if share.user else None

    @staticmethod
    def resolve_team(share: Any) -> str | None:
        return share.team.name if share.team else None

    @staticmethod
    def resolve_granted_by(share: Any) -> str | None:
        return share.granted_by.username if share.granted_by else None


class ShareIn(StrictIn):
    user: str | None = None
    team: str | None = None
    access: str = "read"
    expires_at: datetime | None = None
    reason: str = ""


class VisibilityOut(Schema):
    username: str
    shown_name: str
    reasons: list[str]
    may_change: bool
