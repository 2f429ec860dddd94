"""Report rows read from the reporting replica."""
from __future__ import annotations

import copy
import functools


class ReportService:
    def __init__(self, conn, rows: list[dict]) -> None:
        self._conn = conn
        self._rows = rows

    async def _fetch(self, query: str) -> list[dict]:
        result = await self._conn.execute(query)
        return [dict(row._mapping) for row in result]

    async def _shared(self) -> list[dict]:
        return [row for row in self._rows]

    async def utilisation(self, query: str) -> list[dict]:
        rows = await self._fetch(query)
        snapshot = copy.deepcopy(rows)  # expect: unnecessary-copy
        return [{**row, "hours": round(row["minutes"] / 60, 1)} for row in snapshot]

    async def shared_rows(self) -> list[dict]:
        # correct: the items are the service's own rows, the caller may change the copies
        rows = await self._shared()
        snapshot = copy.deepcopy(rows)
        return [{**row, "seen": True} for row in snapshot]

    async def kept_original(self, query: str) -> tuple[list[dict], list[dict]]:
        # correct: the original is handed on too, and the copy is changed
        rows = await self._fetch(query)
        edited = copy.deepcopy(rows)
        for row in edited:
            row["minutes"] = 0
        return rows, edited


@functools.lru_cache(maxsize=8)
def tariff_rows(region: str) -> list[tuple]:
    return [tuple(r) for r in region.split(",")]


def regional(region: str) -> list[tuple]:
    # correct: the memo hands the same list to every caller
    rows = tariff_rows(region)
    return copy.deepcopy(rows)


def load_tariffs(text: str) -> list[tuple]:
    return [tuple(part.split(":")) for part in text.split(",")]


def parsed(text: str) -> list[tuple]:
    rows = load_tariffs(text)
    return sorted(copy.deepcopy(rows))  # expect: unnecessary-copy
