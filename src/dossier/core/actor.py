"""Who is acting: every service call receives an Actor, never a request or a raw user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from dossier.core.errors import PermissionDenied

Channel = Literal["web", "api", "cli", "job", "test"]


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: str
    permissions: frozenset[str] = field(default_factory=frozenset)
    team_ids: frozenset[int] = field(default_factory=frozenset)
    managed_team_ids: frozenset[int] = field(default_factory=frozenset)
    via: Channel = "web"
    read_only: bool = False
    ip: str | None = None

    @classmethod
    def system(cls, via: Channel = "cli") -> Actor:
        """The installation itself: set-up commands and jobs that act for no user."""
        return cls(
            user_id=None,
            username=f"system:{via}",
            role="admin",
            via=via,
            permissions=frozenset({"*"}),
        )

    @property
    def is_system(self) -> bool:
        return self.user_id is None

    @property
    def label(self) -> str:
        return self.username

    def require_user_id(self) -> int:
        """The acting user's id, for what only a user has (a password, saved views)."""
        if self.user_id is None:
            raise PermissionDenied("This needs a signed-in user, not the installation itself.")
        return self.user_id
