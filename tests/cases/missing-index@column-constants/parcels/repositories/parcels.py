"""Parcel queries; the column list is shared by every SELECT."""
from __future__ import annotations

from uuid import UUID

import asyncpg

from parcels.db import Database, db

_COLUMNS = "id, status, tracking_code, recipient_phone, carrier, created_at"


class ParcelRepository:
    def __init__(self, database: Database = db) -> None:
        self._db = database

    async def get(self, parcel_id: UUID) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(f"SELECT {_COLUMNS} FROM parcels WHERE id = $1", parcel_id)

    async def by_tracking_code(self, code: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(f"SELECT {_COLUMNS} FROM parcels WHERE tracking_code = $1", code)  # expect: missing-index

    async def open_for_phone(self, phone: str) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM parcels WHERE recipient_phone = $1 AND status IN ('pending', 'sent')", phone)  # expect: missing-index

    async def pending_since(self, since: str, limit: int) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM parcels WHERE status = 'pending' AND created_at >= $1 LIMIT $2", since, limit)

    async def by_carrier(self, carrier: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(f"SELECT {_COLUMNS} FROM parcels WHERE carrier = $1 AND status = 'sent'", carrier)

    async def deliver(self, parcel_id: UUID) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE parcels SET status = 'delivered' WHERE id = $1 AND status = 'sent'", parcel_id)
