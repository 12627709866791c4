"""API token format and hashing: tokens are random, so a plain SHA-256 is a safe digest."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

TOKEN_PREFIX = "dsr_"  # noqa: S105 - a marker, not a secret
SHOWN_PREFIX_LENGTH = 12


@dataclass(frozen=True)
class NewToken:
    plaintext: str
    prefix: str
    digest: str


def token_digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def new_token() -> NewToken:
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return NewToken(plaintext, plaintext[:SHOWN_PREFIX_LENGTH], token_digest(plaintext))


def looks_like_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX) and 20 <= len(value) <= 128
