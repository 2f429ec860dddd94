from __future__ import annotations

from dataclasses import dataclass

import asyncpg


@dataclass(frozen=True)
class WardRef:
    id: int
    code: str
    name: str
    facility: str
    isolation_rooms: int


def _ward(row: asyncpg.Record) -> WardRef:
    return WardRef(row["id"], row["code"], row["name"], row["facility"], row["isolation_rooms"])


class WardRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def list_all(self) -> list[WardRef]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch("SELECT id, code, name, facility, isolation_rooms FROM wards ORDER BY code")
        return [_ward(r) for r in rows]

    async def get_by_code(self, code: str) -> WardRef | None:
        async with self._pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow(
                "SELECT id, code, name, facility, isolation_rooms FROM wards WHERE code = $1", code
            )
        return _ward(row) if row else None

    async def occupancy_summary(self) -> list[dict]:
        conn = await self._pool.acquire(timeout=5)
        rows = await conn.fetch(
            """
            SELECT w.code,
                   count(*) FILTER (WHERE b.state = 'occupied') AS occupied,
                   count(*) FILTER (WHERE b.state = 'ready') AS ready,
                   count(*) FILTER (WHERE b.state IN ('dirty', 'cleaning')) AS turning,
                   count(*) FILTER (WHERE b.state = 'blocked') AS blocked,
                   count(*) AS total
              FROM wards w JOIN beds b ON b.ward_id = w.id
             GROUP BY w.code ORDER BY w.code
            """
        )
        await self._pool.release(conn)
        return [dict(r) for r in rows]

    async def facility_locations(self) -> list[tuple[str, str]]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch("SELECT facility, code FROM wards")
        return [(r["facility"], r["code"]) for r in rows]
