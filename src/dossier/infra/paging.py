"""Django's paginator with the API's capped count, for list pages over a million rows."""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator

from dossier.core.paging import capped_count


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """Counts no further than paging.COUNT_CAP; `count_exact` says whether it stopped. Pages
    past the cap are still reachable by number (the last page is then an estimate)."""

    @cached_property
    def _capped(self) -> tuple[int, bool]:
        return capped_count(self.object_list)  # type: ignore[arg-type]

    @cached_property
    def count(self) -> int:
        return self._capped[0]

    @property
    def count_exact(self) -> bool:
        return self._capped[1]
