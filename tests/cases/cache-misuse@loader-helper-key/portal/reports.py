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
