"""Customer files: folders, documents and their versions, naming and classification rules.

Folders and names are metadata: a version points at a content-addressed blob, so renaming,
moving or re-applying naming rules never moves a byte.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from dossier.customers.models import LIVE, Customer, Tag
from dossier.infra.storage.models import Blob


class Folder(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="folders")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["position", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "parent", "name"], name="folder_name_in_parent"
            ),
            models.UniqueConstraint(
                fields=["customer", "name"],
                condition=Q(parent__isnull=True),
                name="folder_name_at_root",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FolderTemplate(models.Model):
    """The folders a new customer's file tree starts with; one per category, or the default."""

    category = models.OneToOneField(
        "customers.Category", on_delete=models.CASCADE, null=True, blank=True
    )
    folders = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"folders for {self.category or 'every category'}"


class NamingRule(models.Model):
    """How uploaded files of one document type are named; an empty type is the default."""

    doctype = models.CharField(max_length=16, unique=True, blank=True)
    rule = models.CharField(max_length=200)
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.rule


class Document(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="documents")
    folder = models.ForeignKey(Folder, on_delete=models.PROTECT, related_name="documents")
    opportunity = models.ForeignKey(
        "sales.Opportunity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    service_record = models.ForeignKey(
        "interactions.ServiceRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    name = models.CharField(max_length=255)  # the file name as named by the rule
    title = models.CharField(max_length=200, blank=True)
    doctype = models.CharField(max_length=16, default="other")
    project = models.CharField(max_length=200, blank=True)
    document_date = models.DateField(null=True, blank=True)
    tags = models.ManyToManyField(Tag, through="DocumentTag", related_name="documents")
    metadata = models.JSONField(default=dict, blank=True)
    current = models.PositiveIntegerField(default=1)  # the number of the current version
    size = models.BigIntegerField(default=0)
    media_type = models.CharField(max_length=100, blank=True)
    text = models.TextField(blank=True)
    text_status = models.CharField(max_length=8, default="pending")  # pending, done, failed
    # What classification suggested and why; `confirmed` once a person accepted or corrected.
    suggestion = models.JSONField(default=dict, blank=True)
    confirmed = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)  # optimistic lock of the metadata
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["customer", "folder"], condition=LIVE, name="document_in_folder"),
            models.Index(fields=["doctype", "-updated_at"], condition=LIVE, name="document_type"),
            models.Index(fields=["-updated_at", "id"], condition=LIVE, name="document_recent"),
            models.Index(fields=["document_date"], condition=LIVE, name="document_date"),
        ]

    def __str__(self) -> str:
        return self.name


class DocumentTag(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "tag"], name="document_tag_once")
        ]
        indexes = [models.Index(fields=["tag", "document"], name="tag_documents")]


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="versions")
    size = models.BigIntegerField()
    media_type = models.CharField(max_length=100)
    original_name = models.CharField(max_length=255)
    comment = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"


class ClassificationRule(models.Model):
    name = models.CharField(max_length=80)
    pattern = models.CharField(max_length=200)
    where = models.CharField(max_length=8, default="any")  # filename, content, any
    regex = models.BooleanField(default=False)
    doctype = models.CharField(max_length=16, blank=True)
    folder = models.CharField(max_length=100, blank=True)
    tags = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class ClassifierState(models.Model):
    """The learned classifier, one row: counts learned from confirmed and corrected files."""

    data = models.TextField(default="")
    examples = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField()
