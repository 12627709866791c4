"""The helper-thread SHA-256 gives hashlib's answer for any split of the same bytes."""

from __future__ import annotations

import hashlib
import itertools
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.infra.storage.digest import OFFLOAD_BYTES, Digest

BIG = os.urandom(3 * OFFLOAD_BYTES)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(BIG)), max_size=8))
def test_any_split_hashes_like_hashlib(cuts: list[int]) -> None:
    # Cuts through a buffer larger than the hand-over size mix small pieces (hashed in the
    # caller) with large ones (hashed on the helper thread), in every order.
    bounds = [0, *sorted(cuts), len(BIG)]
    digest = Digest()
    for start, end in itertools.pairwise(bounds):
        digest.update(BIG[start:end])
    assert digest.hexdigest() == hashlib.sha256(BIG).hexdigest()


def test_a_digest_can_be_read_twice_and_fed_on() -> None:
    digest = Digest()
    digest.update(BIG)
    assert digest.hexdigest() == hashlib.sha256(BIG).hexdigest()
    digest.update(b"more")
    assert digest.hexdigest() == hashlib.sha256(BIG + b"more").hexdigest()
