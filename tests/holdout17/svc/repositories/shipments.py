"""Shipment persistence over asyncpg (hot path for scans, tracking and carrier callbacks)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import asyncpg
from fastapi import HTTPException

from svc.db.database import Database
from svc.errors import ConflictError, NotFoundError

SHIPMENT_COLUMNS = (
    "id, tracking_number, merchant_id, carrier_code, carrier_reference, status, recipient_name, "
    "recipient_phone, destination_postcode, destination_country, latitude, longitude, origin_depot_id, "
    "weight_grams, created_at, updated_at, delivered_at"
)


class ShipmentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get_by_tracking_number(self, tracking_number: str) -> asyncpg.Record:
        row = await self._db.fetchrow(f"SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE tracking_number = $1", tracking_number)
        if row is None:
            raise NotFoundError(f"shipment {tracking_number} not found")
        return row

    async def get(self, shipment_id: uuid.UUID) -> asyncpg.Record:
        row = await self._db.fetchrow(f"SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE id = $1", shipment_id)
        if row is None:
            raise HTTPException(status_code=404, detail="shipment not found")
        return row

    async def get_many_by_tracking_numbers(self, tracking_numbers: Sequence[str]) -> list[asyncpg.Record]:
        return await self._db.fetch(
            f"SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE tracking_number = ANY($1::text[])", list(tracking_numbers)
        )

    async def find_by_carrier_reference(self, carrier_code: str, reference: str) -> asyncpg.Record | None:
        return await self._db.fetchrow(f"SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE carrier_code = $1 AND carrier_reference = $2", carrier_code, reference)

    async def list_for_merchant(self, merchant_id: int, *, before: datetime, limit: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            f"SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE merchant_id = $1 AND created_at < $2 "
            "ORDER BY created_at DESC LIMIT $3",
            merchant_id,
            before,
            limit,
        )

    async def search_by_recipient(self, term: str, limit: int = 50) -> list[asyncpg.Record]:
        return await self._db.fetch(f"SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE recipient_name ILIKE '%' || $1 || '%' ORDER BY created_at DESC LIMIT $2", term, limit)

    async def stale(self, statuses: Sequence[str], updated_before: datetime, limit: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            f"SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE status = ANY($1::text[]) AND updated_at < $2 "
            "ORDER BY updated_at LIMIT $3",
            list(statuses),
            updated_before,
            limit,
        )

    async def insert(self, values: dict[str, Any]) -> asyncpg.Record:
        columns = ", ".join(values)
        placeholders = ", ".join(f"${i}" for i in range(1, len(values) + 1))
        row = await self._db.fetchrow(
            f"INSERT INTO shipments ({columns}) VALUES ({placeholders}) "
            f"ON CONFLICT (tracking_number) DO NOTHING RETURNING {SHIPMENT_COLUMNS}",
            *values.values(),
        )
        if row is None:
            raise ConflictError("tracking number collision", details={"tracking_number": values.get("tracking_number")})
        return row

    async def attach_booking(self, shipment_id: uuid.UUID, carrier_reference: str) -> None:
        await self._db.execute(
            "UPDATE shipments SET carrier_reference = $2, status = 'booked', updated_at = now() WHERE id = $1",
            shipment_id,
            carrier_reference,
        )

    async def current_status(self, shipment_id: uuid.UUID) -> str | None:
        return await self._db.fetchval("SELECT status FROM shipments WHERE id = $1", shipment_id)

    async def set_status(self, shipment_id: uuid.UUID, status: str) -> None:
        await self._db.execute("UPDATE shipments SET status = $2, updated_at = now() WHERE id = $1", shipment_id, status)

    async def transition(self, shipment_id: uuid.UUID, from_statuses: Sequence[str], to_status: str) -> bool:
        updated = await self._db.fetchval(
            "UPDATE shipments SET status = $3, updated_at = now() WHERE id = $1 AND status = ANY($2::text[]) RETURNING id",
            shipment_id,
            list(from_statuses),
            to_status,
        )
        return updated is not None

    async def mark_delivered(self, shipment_id: uuid.UUID, delivered_at: datetime) -> bool:
        async with self._db.transaction() as conn:
            status = await conn.fetchval("SELECT status FROM shipments WHERE id = $1 FOR UPDATE", shipment_id)
            if status in ("delivered", "returned", "cancelled"):
                return False
            await conn.execute(
                "UPDATE shipments SET status = 'delivered', delivered_at = $2, updated_at = now() WHERE id = $1",
                shipment_id,
                delivered_at,
            )
            return True

    async def awaiting_dispatch(self, depot_id: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT id, tracking_number, destination_postcode, latitude, longitude FROM shipments "
            "WHERE origin_depot_id = $1 AND status = 'at_depot'",
            depot_id,
        )
