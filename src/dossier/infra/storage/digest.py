"""SHA-256 that hashes large pieces on a helper thread while the caller goes on with them."""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor

# hashlib releases the GIL for pieces this large; below it, handing over costs more than it saves.
OFFLOAD_BYTES = 256 << 10
# One piece in flight per digest, so this bounds only how many uploads and downloads hash at
# the same moment, not memory.
_HASHERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="dossier-sha256")


class Digest:
    """Pieces are hashed in order; each large one beside the caller's next step.

    SHA-256 is the slowest per-byte step of a put or a verified read (slower than AES-GCM with
    AES-NI, and than a page-cache copy), so with a second core free it overlaps with
    encryption, parsing and I/O instead of adding to them. A piece must not change once given.
    """

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self._busy: Future[None] | None = None

    def update(self, data: bytes) -> None:
        self._wait()
        if len(data) >= OFFLOAD_BYTES and isinstance(data, bytes):
            self._busy = _HASHERS.submit(self._digest.update, data)
        else:
            self._digest.update(data)

    def hexdigest(self) -> str:
        self._wait()
        return self._digest.hexdigest()

    def _wait(self) -> None:
        busy, self._busy = self._busy, None
        if busy is not None:
            busy.result()
