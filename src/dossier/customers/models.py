"""The customer record table: customers, contacts, categories and tags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LIVE = Q(deleted_at__isnull=True)


class Category(models.Model):
    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=40)
    name_en = models.CharField(_("English name"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_builtin = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Customer(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        COMPANY = "company", _("Company")

    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.COMPANY)
    name = models.CharField(max_length=200)
    company = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.CharField(max_length=254, blank=True)
    address = models.CharField(max_length=200, blank=True)
    province = models.CharField(max_length=32, blank=True)
    city = models.CharField(max_length=32, blank=True)
    district = models.CharField(max_length=32, blank=True)
    industry = models.CharField(max_length=40, blank=True)
    level = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=40, blank=True)
    birthday = models.DateField(null=True, blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="customers")
    referrer = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_customers"
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="customers"
    )
    tags = models.ManyToManyField(Tag, through="CustomerTag", related_name="customers")
    custom = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The API lists live customers newest-changed first (`-updated_at, -id`, 50 a page) and
        # counts the matches. Each filter's index ends in that order, so a page is read straight
        # off the index and stops after 50 rows instead of sorting every match; the counts are
        # index-only. Measured at 1,000,000 rows in docs/PERFORMANCE.md.
        indexes = [
            # created_at rides along so that a created-range page can walk this index in list
            # order and test the range without reading rows (selectors.customer_list).
            models.Index(
                fields=["-updated_at", "-id", "created_at"],
                condition=LIVE,
                name="customer_live_recent",
            ),
            # COUNT(*) of every live customer, index-only (the table itself is ~10× wider).
            models.Index(fields=["deleted_at"], condition=LIVE, name="customer_live"),
            # created_at last, as in customer_live_recent: an owner's customers of one month are
            # found walking the owner's list order, tested in the index (1 ms, not a 6 ms sort).
            models.Index(
                fields=["owner", "-updated_at", "-id", "created_at"],
                condition=LIVE,
                name="customer_owner",
            ),
            models.Index(
                fields=["team", "-updated_at", "-id"], condition=LIVE, name="customer_team"
            ),
            models.Index(
                fields=["category", "-updated_at", "-id"], condition=LIVE, name="customer_category"
            ),
            models.Index(
                fields=["province", "-updated_at", "-id"], condition=LIVE, name="customer_province"
            ),
            models.Index(
                fields=["province", "city", "-updated_at", "-id"],
                condition=LIVE,
                name="customer_region",
            ),
            models.Index(
                fields=["industry", "-updated_at", "-id"], condition=LIVE, name="customer_industry"
            ),
            models.Index(
                fields=["level", "-updated_at", "-id"], condition=LIVE, name="customer_level"
            ),
            models.Index(fields=["created_at"], condition=LIVE, name="customer_created"),
            # Counts of two filters at once: unordered, so SQLite reads these instead of the
            # ordered ones, whose rows come in updated_at order (a random walk over the table).
            # Each pair counts index-only; its first column alone reads rows in table order.
            models.Index(
                fields=["industry", "level"], condition=LIVE, name="customer_industry_level"
            ),
            models.Index(
                fields=["province", "category"], condition=LIVE, name="customer_province_category"
            ),
            models.Index(
                fields=["owner", "created_at"], condition=LIVE, name="customer_owner_created"
            ),
            # The web list's first-row filters: category with level, or with industry (SQLite
            # skips through the four levels), and owner with industry. Counted to 1,000 from
            # one filter's index these read up to 10,000 rows for the other (5-30 ms).
            models.Index(
                fields=["category", "level", "industry"],
                condition=LIVE,
                name="customer_category_level",
            ),
            # In list order too: a page of an owner's industry is read off it, not sorted.
            models.Index(
                fields=["owner", "industry", "-updated_at", "-id"],
                condition=LIVE,
                name="customer_owner_industry",
            ),
            models.Index(fields=["name"], name="customer_name"),
            models.Index(fields=["deleted_at"], condition=~LIVE, name="customer_trash"),
        ]

    def __str__(self) -> str:
        return self.name


class CustomerTag(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["customer", "tag"], name="customer_tag_once")
        ]
        indexes = [models.Index(fields=["tag", "customer"], name="tag_customers")]


class Contact(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=100)
    title = models.CharField(max_length=100, blank=True)
    phones = models.JSONField(default=list, blank=True)
    emails = models.JSONField(default=list, blank=True)
    wechat = models.CharField(max_length=64, blank=True)
    birthday = models.DateField(null=True, blank=True)
    is_primary = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-is_primary", "name"]
        indexes = [
            models.Index(fields=["customer", "name"], condition=LIVE, name="contact_of_customer")
        ]

    def __str__(self) -> str:
        return self.name


class SavedView(models.Model):
    """A named set of list filters a user can come back to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_customer_views"
    )
    name = models.CharField(max_length=60)
    query = models.CharField(max_length=1000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_view_name")]

    def __str__(self) -> str:
        return self.name


class Share(models.Model):
    """Access to one customer beyond ownership: for a user or a whole team, read or edit,
    until an optional expiry. Assigning a service rep to a customer is a read share."""

    class Access(models.TextChoices):
        READ = "read", _("Read")
        EDIT = "edit", _("Read and edit")

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="customer_shares",
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="shares"
    )
    access = models.CharField(max_length=8, choices=Access.choices, default=Access.READ)
    reason = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, team__isnull=True)
                | Q(user__isnull=True, team__isnull=False),
                name="share_user_or_team",
            ),
            models.UniqueConstraint(
                fields=["customer", "user"], condition=Q(user__isnull=False), name="share_user_once"
            ),
            models.UniqueConstraint(
                fields=["customer", "team"], condition=Q(team__isnull=False), name="share_team_once"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "customer"], name="share_by_user"),
            models.Index(fields=["team", "customer"], name="share_by_team"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} → {self.user_id or self.team_id} ({self.access})"
