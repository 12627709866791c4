"""A synchronous event seam: a lower app announces a change, a higher one reacts in-transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changed:
    """Something was written: `action` is the audit action (`customer.updated`)."""

    object_type: str
    object_id: str
    action: str


Handler = Callable[[Changed], None]
_handlers: list[Handler] = []


def subscribe(handler: Handler) -> None:
    """Call `handler` for every event from now on; once per handler however often it is added."""
    if handler not in _handlers:
        _handlers.append(handler)


def unsubscribe(handler: Handler) -> None:
    if handler in _handlers:
        _handlers.remove(handler)


def publish(event: Changed) -> None:
    """Run every handler now, in the caller's transaction: a failing handler fails the write."""
    for handler in tuple(_handlers):
        handler(event)
