"""The tamper-evident audit trail: an append-only, hash-chained list of events."""
