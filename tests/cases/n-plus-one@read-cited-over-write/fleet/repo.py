from __future__ import annotations

import asyncpg


class VehicleRepo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def mark_checked(self, vehicle_id: int, status: str) -> None:
        await self._pool.execute("UPDATE vehicles SET status = $2 WHERE id = $1", vehicle_id, status)

    async def depot_of(self, depot_id: int) -> asyncpg.Record | None:
        return await self._pool.fetchrow("SELECT id, name, region FROM depots WHERE id = $1", depot_id)

    async def depots(self, depot_ids: list[int]) -> dict[int, asyncpg.Record]:
        rows = await self._pool.fetch("SELECT id, name, region FROM depots WHERE id = ANY($1::int[])", depot_ids)
        return {r["id"]: r for r in rows}
