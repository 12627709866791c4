"""Interactions and service records: what happened with a customer, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dossier.customers.models import LIVE, Contact, Customer


class Interaction(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="interactions")
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="interactions"
    )
    channel = models.CharField(max_length=40)
    occurred_at = models.DateTimeField()
    summary = models.TextField()
    next_follow_up = models.DateField(null=True, blank=True)
    custom = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(
                fields=["customer", "-occurred_at"], condition=LIVE, name="interaction_of_customer"
            ),
            models.Index(fields=["next_follow_up"], condition=LIVE, name="interaction_follow_up"),
        ]


class ServiceRecord(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="service_records")
    service_date = models.DateField()
    service_type = models.CharField(max_length=40)
    result = models.CharField(max_length=500, blank=True)
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handled_service_records"
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
        ordering = ["-service_date", "-id"]
        indexes = [
            models.Index(
                fields=["customer", "-service_date"], condition=LIVE, name="service_of_customer"
            ),
            models.Index(fields=["service_date"], condition=LIVE, name="service_by_date"),
        ]
