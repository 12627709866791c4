"""Templates (one per record kind) and their ordered, versioned field definitions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dossier.customfields.domain import FieldType


class Template(models.Model):
    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=80)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.code


class FieldDefinition(models.Model):
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="fields")
    # Stable for ever: stored values are keyed by it, so a rename touches only `label`.
    key = models.SlugField(max_length=64)
    label = models.CharField(_("label"), max_length=80)
    label_en = models.CharField(_("English label"), max_length=80, blank=True)
    field_type = models.CharField(max_length=16, choices=[(t.value, t.value) for t in FieldType])
    position = models.PositiveIntegerField(default=0)
    is_system = models.BooleanField(default=False)
    required = models.BooleanField(default=False)
    unique = models.BooleanField(default=False)
    sensitive = models.BooleanField(default=False)
    options = models.JSONField(default=list, blank=True)
    rules = models.JSONField(default=dict, blank=True)
    help_text = models.CharField(max_length=200, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    added_in_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="field_key_unique_in_template")
        ]

    def __str__(self) -> str:
        return f"{self.template.code}.{self.key}"
