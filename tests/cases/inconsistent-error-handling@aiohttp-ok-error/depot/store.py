"""Parcel records."""
from __future__ import annotations

import asyncpg


class ParcelStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def get(self, parcel_id: int) -> asyncpg.Record | None:
        return await self.pool.fetchrow("SELECT id, status, owner_id FROM parcels WHERE id = $1", parcel_id)

    async def cancel(self, parcel_id: int) -> bool:
        done = await self.pool.execute("UPDATE parcels SET status = 'cancelled' WHERE id = $1", parcel_id)
        return done.endswith(" 1")
