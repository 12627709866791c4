"""Reading DOSSIER_* settings: database and storage URLs, the kept secret key."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

SQLITE_PRAGMAS = ";".join(
    [
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=20000",
        "PRAGMA cache_size=-65536",
    ]
)


class ConfigError(ValueError):
    """A DOSSIER_* variable that cannot be understood; the message names it."""


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str) -> dict[str, Any]:
    """`sqlite:////abs/path.db`, `sqlite:///relative.db` or `postgresql://user:pw@host:port/db`."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path).removeprefix("/")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path or ":memory:",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": SQLITE_PRAGMAS,
            },
        }
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ConfigError(
        f"DOSSIER_DATABASE_URL: unsupported scheme {parts.scheme!r} "
        "(use sqlite:///path or postgresql://user@host/db)"
    )


def storage_from_url(url: str) -> dict[str, str]:
    """`file:///path` for a local folder, `s3://key:secret@host:port/bucket` for S3."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return {"backend": "local", "root": unquote(parts.path)}
    if parts.scheme in {"s3", "s3+http", "s3+https"}:
        return {"backend": "s3", "url": url}
    raise ConfigError(
        f"DOSSIER_STORAGE_URL: unsupported scheme {parts.scheme!r} "
        "(use file:///path or s3://key:secret@host/bucket)"
    )


def kept_secret(path: Path) -> str:
    """The secret kept in the data directory, made on first use and readable only by its owner."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secret + "\n")
    return secret
