"""Report endpoints."""
from __future__ import annotations

from datetime import date

from lib.caching import through_cache


class LocalCache:
    def __init__(self) -> None:
        self._data: dict = {}

    def get_or_set(self, key, default):
        if key not in self._data:
            self._data[key] = default()
        return self._data[key]


local = LocalCache()


async def monthly_totals(repo, org_id: int, month: date, currency: str) -> dict:
    return await through_cache(
        f"totals:{org_id}:{month:%Y-%m}",  # expect: cache-misuse
        ttl=300,
        load=lambda: repo.totals(org_id, month, currency),
    )


def team_names(repo, org_id: int, team_id: int) -> list[str]:
    return local.get_or_set(f"teams:{team_id}", lambda: repo.team_names(org_id, team_id))  # expect: cache-misuse


async def yearly_totals(repo, org_id: int, year: int) -> dict:
    # correct: every input of the loader is in the key
    return await through_cache(f"totals:{org_id}:{year}", ttl=300, load=lambda: repo.year(org_id, year))


def team_size(repo, team_id: int, verbose: bool = False) -> int:
    # correct: the loader uses only what the key holds
    return local.get_or_set(f"size:{team_id}", lambda: repo.size(team_id))


class JsonCache:
    def key(self, *parts: object) -> str:
        return ":".join(str(p) for p in parts)

    async def get_or_load(self, key: str, ttl_s: int, loader):
        return await loader()


class Members:
    def __init__(self, repo, cache: JsonCache) -> None:
        self._repo = repo
        self._cache = cache

    async def members(self, org_id: int, role: str | None) -> list[dict]:
        key = self._cache.key("members", role or "all")  # expect: cache-misuse

        async def load() -> list[dict]:
            return await self._repo.members(org_id, role)

        return await self._cache.get_or_load(key, 60, load)

    async def guests(self, org_id: int, role: str | None) -> list[dict]:
        # correct: a named loader using only what the key holds
        key = self._cache.key("guests", org_id, role or "all")

        async def load(limit: int = 100) -> list[dict]:
            return await self._repo.guests(org_id, role, limit)

        return await self._cache.get_or_load(key, 60, load)
