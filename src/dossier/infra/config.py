"""Reading DOSSIER_* settings: database and storage URLs, the kept secret and master keys."""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

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


@dataclass(frozen=True)
class StorageConfig:
    """Where blobs live: a local folder (`root`) or an S3-compatible bucket."""

    backend: Literal["local", "s3"]
    root: str = ""
    bucket: str = ""
    prefix: str = ""
    endpoint: str | None = None
    region: str | None = None
    access_key: str | None = None
    # Kept out of repr so a settings dump or a debug page never shows it.
    secret_key: str | None = field(default=None, repr=False)


S3_OPTIONS = {"endpoint", "region"}


def storage_from_url(url: str) -> StorageConfig:
    """`file:///abs/path` or a plain path for a folder; `s3://KEY:SECRET@bucket/prefix?…` for S3.

    `s3+http://KEY:SECRET@host:port/bucket/prefix` (or `s3+https`) names the endpoint in the
    host part instead. Credentials left out of the URL come from the usual AWS variables.
    """
    parts = urlsplit(url)
    if parts.scheme == "file":
        return StorageConfig(backend="local", root=unquote(parts.path))
    if parts.scheme == "":
        return StorageConfig(backend="local", root=str(Path(url).expanduser().resolve()))
    if parts.scheme in {"s3", "s3+http", "s3+https"}:
        return _s3_from_url(parts)
    raise ConfigError(
        f"DOSSIER_STORAGE_URL: unsupported scheme {parts.scheme!r} "
        "(use file:///path, a plain path, or s3://key:secret@bucket/prefix)"
    )


def _s3_from_url(parts: SplitResult) -> StorageConfig:
    options = dict(parse_qsl(parts.query))
    unknown = sorted(set(options) - S3_OPTIONS)
    if unknown:
        raise ConfigError(
            f"DOSSIER_STORAGE_URL: unknown option(s) {unknown} (use endpoint, region)"
        )
    path = unquote(parts.path).strip("/")
    if parts.scheme == "s3":
        bucket, prefix, endpoint = parts.hostname or "", path, options.get("endpoint")
    else:
        bucket, _, prefix = path.partition("/")
        endpoint = f"{parts.scheme.removeprefix('s3+')}://{parts.hostname}"
        endpoint += f":{parts.port}" if parts.port else ""
    if not bucket:
        raise ConfigError("DOSSIER_STORAGE_URL: the S3 URL names no bucket")
    return StorageConfig(
        backend="s3",
        bucket=bucket,
        prefix=prefix,
        endpoint=endpoint,
        region=options.get("region"),
        access_key=unquote(parts.username) if parts.username else None,
        secret_key=unquote(parts.password) if parts.password else None,
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


def kept_master_key(path: Path) -> Path:
    """The master-key file in the data directory, made with one fresh AES-256 key on first use.

    One base64 key per line, the first the active one; `dossier keys rotate` rewrites it.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = base64.b64encode(secrets.token_bytes(32)).decode()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first; theirs is the key
            return path
        with os.fdopen(fd, "w") as handle:
            handle.write(key + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    return path
