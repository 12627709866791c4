"""Django's paginator with the API's capped count, for list pages over a million rows."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator

from dossier.core.paging import Sliceable, capped_count


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """Counts no further than paging.COUNT_CAP; `count_exact` says whether it stopped. Pages
    past the cap are still reachable by number (the last page is then an estimate). `counted`
    is counted instead of the rows when given: the same matches in a form cheaper to count."""

    def __init__(
        self, object_list: Any, per_page: int, *, counted: Sliceable[object] | None = None
    ) -> None:
        super().__init__(object_list, per_page)
        self.counted = counted

    @cached_property
    def _capped(self) -> tuple[int, bool]:
        counted = self.object_list if self.counted is None else self.counted
        return capped_count(counted)  # type: ignore[arg-type]

    @cached_property
    def count(self) -> int:
        return self._capped[0]

    @property
    def count_exact(self) -> bool:
        return self._capped[1]
