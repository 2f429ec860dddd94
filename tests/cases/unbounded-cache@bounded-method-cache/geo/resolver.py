"""Address and region lookups memoised on the resolver instance."""
from __future__ import annotations

import functools


class RegionResolver:
    def __init__(self, table: dict[str, str]) -> None:
        self._table = table

    @functools.lru_cache(maxsize=1024)
    def region_for(self, postcode: str) -> str:
        return self._table.get(postcode[:3], "unknown")

    @functools.cache  # expect: unbounded-cache
    def normalise(self, address: str) -> str:
        return " ".join(address.upper().split())
