"""The search index: one entry per searchable object, its terms, tags and saved searches."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dossier.customers.models import Customer


class Entry(models.Model):
    """One indexed object. The engine's full-text index (FTS5 table or tsvector column, made
    in migration 0002) is kept from `name_terms` and `terms` by the database itself."""

    kind = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    # No constraint: a purge deletes the customer first and its entries in the same
    # transaction.
    customer = models.ForeignKey(
        Customer, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    title = models.CharField(max_length=300)
    name_key = models.CharField(max_length=200, blank=True)  # normalised name: exact first
    body = models.TextField(blank=True)  # bounded plain text for snippets
    day = models.DateField()  # last change, for the date-range filter
    name_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")
        ]
        indexes = [
            models.Index(fields=["customer"], name="search_entry_customer"),
            # The exact-name hits of a query are read here, whatever else it matches.
            models.Index(fields=["name_key"], name="search_entry_name"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class EntryScope(models.Model):
    """What search tests on every match, in a narrow row of its own: the entry's kind and day
    and a copy of its customer's scope and facet values. A broad query looks up thousands of
    matches; here each look-up costs about a tenth of its customer's row and a quarter of the
    entry's, whose terms and text run to overflow pages. search.services keeps the copy in step
    in every customer write's transaction."""

    # DO_NOTHING: search.services deletes scope rows and tags with their entries, one statement
    # each; a cascade would load every entry first (2 GB to reindex a million customers).
    entry = models.OneToOneField(
        Entry, on_delete=models.DO_NOTHING, primary_key=True, related_name="scope"
    )
    kind = models.CharField(max_length=16)
    customer_id = models.BigIntegerField()
    day = models.DateField()
    live = models.BooleanField(default=True)  # False while the customer is in the trash
    owner_id = models.BigIntegerField(null=True)
    team_id = models.BigIntegerField(null=True)
    category_id = models.BigIntegerField(null=True)
    province = models.CharField(max_length=32, blank=True)

    class Meta:
        indexes = [models.Index(fields=["customer_id"], name="search_scope_customer")]

    def __str__(self) -> str:
        return f"scope of {self.entry_id}"


class EntryTag(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.DO_NOTHING, related_name="tag_rows")
    name = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["name", "entry"], name="search_tag")]


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=60)
    query = models.CharField(max_length=1000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_search_name")]

    def __str__(self) -> str:
        return self.name
