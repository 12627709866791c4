"""Frozen data for the built-in categories."""

CATEGORIES = [
    ("prospect", "潜在客户", "Prospect"),
    ("active", "现有客户", "Customer"),
    ("lost", "已流失客户", "Lost"),
]
