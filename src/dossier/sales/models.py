"""The pipeline's stages and the opportunities in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dossier.customers.models import LIVE, Customer


class Stage(models.Model):
    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=40)
    name_en = models.CharField(max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    probability = models.PositiveSmallIntegerField(default=0)
    is_won = models.BooleanField(default=False)
    is_lost = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.is_won or self.is_lost


class Opportunity(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="opportunities")
    project = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="CNY")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="opportunities")
    probability = models.PositiveSmallIntegerField(null=True, blank=True)
    expected_close = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="opportunities"
    )
    notes = models.TextField(blank=True)
    custom = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(
                fields=["customer", "-updated_at"], condition=LIVE, name="opportunity_of_customer"
            ),
            models.Index(
                fields=["stage", "-updated_at"], condition=LIVE, name="opportunity_by_stage"
            ),
            models.Index(fields=["owner", "stage"], condition=LIVE, name="opportunity_owner"),
        ]

    def __str__(self) -> str:
        return self.project
