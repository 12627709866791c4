"""Storage fixtures: both backends (S3 against a real moto_server process), keyrings, a clock."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest

from dossier.core import clock
from dossier.infra.config import kept_master_key, storage_from_url
from dossier.infra.storage.backends import ObjectBackend, backend_for, object_key
from dossier.infra.storage.keys import Keyring
from dossier.infra.storage.services import EncryptedBlobStore

CHUNK = 64  # small chunks make multi-chunk content cheap; the format is the same at 1 MiB
MOTO = Path(sys.executable).with_name("moto_server")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """A real S3-compatible server for the session, on a free port, stopped at the end."""
    port = _free_port()
    process = subprocess.Popen(
        [str(MOTO), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(endpoint, process)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(endpoint: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):  # readiness polling, not a timed assertion
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with {process.returncode}")
        try:
            with urlopen(f"{endpoint}/moto-api/", timeout=1):  # noqa: S310 - our own server
                return
        except (URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise RuntimeError("moto_server did not start")


@pytest.fixture(params=["local", "s3"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> ObjectBackend:
    if request.param == "local":
        return backend_for(storage_from_url(f"file://{tmp_path / 'files'}"))
    endpoint = request.getfixturevalue("moto_endpoint")
    bucket = f"dossier-{uuid.uuid4().hex[:12]}"
    url = f"s3://test-key:test%2Fsecret@{bucket}/blobs?endpoint={endpoint}&region=us-east-1"
    s3 = backend_for(storage_from_url(url))
    s3.client.create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
    return s3


@pytest.fixture
def keyring(tmp_path: Path) -> Keyring:
    return Keyring.from_file(kept_master_key(tmp_path / "keys" / "master.key"))


@pytest.fixture
def store(db: None, backend: ObjectBackend, keyring: Keyring) -> EncryptedBlobStore:
    return EncryptedBlobStore(backend, keyring, chunk_size=CHUNK)


@dataclass
class FrozenClock:
    at: datetime

    def advance(self, by: timedelta) -> None:
        self.at += by


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    frozen = FrozenClock(datetime(2026, 3, 5, 9, 0, tzinfo=UTC))
    monkeypatch.setattr(clock, "now", lambda: frozen.at)
    return frozen


def raw_object(store: EncryptedBlobStore, sha256: str) -> bytes:
    stream = store.backend.read(object_key(sha256))
    try:
        return stream.read()
    finally:
        stream.close()


def replace_object(store: EncryptedBlobStore, sha256: str, data: bytes) -> None:
    pending = store.backend.begin()
    pending.write(data)
    pending.commit(object_key(sha256))
