"""Customers (persons and companies), their contacts, categories and tags."""
