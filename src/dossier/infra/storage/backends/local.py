"""The local-folder backend: the embedded default, durable by temp file, fsync and rename."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import BinaryIO

TEMP_DIR = ".tmp"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_dirs(path: Path) -> None:
    """mkdir -p that also fsyncs each new directory's parent, so the new entry survives a crash."""
    if path.is_dir():
        return
    _make_dirs(path.parent)
    try:
        path.mkdir()
    except FileExistsError:
        return
    _fsync_dir(path.parent)


class LocalPending:
    def __init__(self, root: Path) -> None:
        # The temp file sits under the root, on the same filesystem, so the rename is atomic.
        self._root = root
        self._path = root / TEMP_DIR / f"{secrets.token_hex(16)}.part"
        _make_dirs(self._path.parent)
        self._file: BinaryIO = open(self._path, "xb")  # noqa: SIM115 - closed by commit/discard

    def write(self, data: bytes) -> None:
        self._file.write(data)

    def commit(self, key: str) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        final = self._root / key
        _make_dirs(final.parent)
        os.replace(self._path, final)
        _fsync_dir(final.parent)

    def discard(self) -> None:
        self._file.close()
        self._path.unlink(missing_ok=True)


class LocalBackend:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def begin(self) -> LocalPending:
        return LocalPending(self.root)

    def read(self, key: str) -> BinaryIO:
        try:
            return open(self.root / key, "rb")
        except FileNotFoundError:
            raise KeyError(key) from None

    def exists(self, key: str) -> bool:
        return (self.root / key).is_file()

    def size(self, key: str) -> int:
        try:
            return (self.root / key).stat().st_size
        except FileNotFoundError:
            raise KeyError(key) from None

    def delete(self, key: str) -> None:
        (self.root / key).unlink(missing_ok=True)
