"""Read-through holders for reference data; each is handed the function that loads an entry."""
from collections.abc import Awaitable, Callable
from typing import Any

from cachetools import TTLCache


class CountryInfo:
    def __init__(self, load: Callable[[str], Awaitable[dict[str, Any]]]) -> None:
        self._load = load
        self._entries: dict[str, dict[str, Any]] = {}  # expect: unbounded-cache

    async def lookup(self, code: str) -> dict[str, Any]:
        found = self._entries.get(code)
        if found is None:
            found = await self._load(code)
            self._entries[code] = found
        return found


class PortNames:
    def __init__(self, fetch) -> None:
        self.fetch = fetch
        self.known = {}  # expect: unbounded-cache

    async def name_of(self, locode):
        if locode not in self.known:
            self.known[locode] = await self.fetch(locode)
        return self.known[locode]


class CarrierInfo:
    """Look-alike: bounded and expiring."""

    def __init__(self, load: Callable[[str], Awaitable[dict[str, Any]]]) -> None:
        self._load = load
        self._entries: TTLCache[str, dict[str, Any]] = TTLCache(maxsize=512, ttl=300)

    async def lookup(self, scac: str) -> dict[str, Any]:
        found = self._entries.get(scac)
        if found is None:
            found = await self._load(scac)
            self._entries[scac] = found
        return found
