"""Typed storage failures, in the error model of `dossier.core.errors`."""

from __future__ import annotations

from dossier.core.errors import DossierError, NotFound


class BlobNotFound(NotFound):
    """No blob with this SHA-256 is stored."""

    code = "blob_not_found"


class BlobCorrupt(DossierError):
    """A stored object failed authentication or its checksum: tampered, truncated or lost.

    Never the client's fault, so it maps to 500; the code lets monitoring tell it from a bug.
    """

    status = 500
    code = "blob_corrupt"


class MasterKeyUnavailable(DossierError):
    """The master key a data key was wrapped under is not configured, or does not unwrap it."""

    status = 500
    code = "master_key_unavailable"
