"""Parcel persistence: single lookups and their batched forms."""
from __future__ import annotations

from typing import Any

from app.db import Database


class ParcelRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, parcel_id: int) -> Any:
        return await self._db.fetchrow("SELECT id, label, zone FROM parcels WHERE id = $1", parcel_id)

    async def get_many(self, parcel_ids: list[int]) -> list[Any]:
        return await self._db.fetch("SELECT id, label, zone FROM parcels WHERE id = ANY($1::bigint[])", parcel_ids)

    async def last_scan(self, parcel_id: int) -> Any:
        return await self._db.run("SELECT code FROM scans WHERE parcel_id = $1 ORDER BY at DESC LIMIT 1", parcel_id)
