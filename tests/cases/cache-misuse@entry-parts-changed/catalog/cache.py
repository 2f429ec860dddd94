import time
from typing import Any, Awaitable, Callable

from cachetools import TTLCache

Loader = Callable[[str], Awaitable[list[dict[str, Any]]]]


class ShelfCache:
    """Shelves of a store, each kept with the time it was loaded."""

    def __init__(self, ttl: float = 30.0) -> None:
        self._ttl = ttl
        self._shelves: dict[str, tuple[float, list[dict[str, Any]]]] = {}

    async def shelf(self, store_id: str, load: Loader) -> list[dict[str, Any]]:
        entry = self._shelves.get(store_id)
        if entry is not None and time.monotonic() - entry[0] < self._ttl:
            return entry[1]
        items = await load(store_id)
        self._shelves[store_id] = (time.monotonic(), items)
        return items


class BrandDirectory:
    def __init__(self) -> None:
        self._brands: TTLCache = TTLCache(maxsize=1000, ttl=300)

    def brand(self, slug: str) -> dict[str, Any] | None:
        return self._brands.get(slug)

    def remember(self, slug: str, brand: dict[str, Any]) -> None:
        self._brands.setdefault(slug, brand)
