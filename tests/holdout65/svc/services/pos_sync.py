"""Pull checks from the POS and attach them to seated bookings."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

import asyncpg

from svc.clients.pos_api import PosApiClient, PosCheckDTO
from svc.db.models import Restaurant
from svc.services.floor import FloorEventBus
from svc.utils.timeutil import utcnow

log = logging.getLogger(__name__)

LAST_SYNC: dict[int, datetime] = {}

_UPSERT = (
    "INSERT INTO pos_checks (restaurant_id, external_check_id, table_label, booking_id, total_cents, closed, payload, synced_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, now()) "
    "ON CONFLICT ON CONSTRAINT uq_pos_check DO UPDATE SET total_cents = EXCLUDED.total_cents, "
    "closed = EXCLUDED.closed, payload = EXCLUDED.payload, synced_at = now()"
)


class PosSyncService:
    def __init__(self, pos: PosApiClient, pool: asyncpg.Pool, events: FloorEventBus) -> None:
        self.pos = pos
        self.pool = pool
        self.events = events

    async def _seated_by_label(self, restaurant_id: int) -> dict[str, int]:
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT t.label, s.booking_id FROM table_status s JOIN dining_tables t ON t.id = s.table_id "
                "WHERE s.restaurant_id = $1 AND s.state = 'seated' AND s.booking_id IS NOT NULL",
                restaurant_id,
            )
        return {r["label"]: r["booking_id"] for r in rows}

    async def sync_restaurant(self, restaurant: Restaurant) -> int:
        if not restaurant.pos_location_id:
            return 0
        started = utcnow()
        since = LAST_SYNC.get(restaurant.id, started - timedelta(hours=12))
        checks = await self.pos.list_checks(restaurant.pos_location_id, since)
        seated = await self._seated_by_label(restaurant.id)
        records = []
        for dto in checks:
            try:
                dto.items = await self.pos.fetch_check_items(restaurant.pos_location_id, dto.external_id)
                records.append(self._record(restaurant.id, dto, seated))
            except ValueError:
                continue
        if records:
            async with self.pool.acquire() as conn:
                await conn.executemany(_UPSERT, records)
        for dto in checks:
            if dto.closed and dto.table_label in seated:
                self.events.enqueue_local(restaurant.id, {"table_label": dto.table_label, "check": "closed"})
        LAST_SYNC[restaurant.id] = started
        return len(records)

    @staticmethod
    def _record(restaurant_id: int, dto: PosCheckDTO, seated: dict[str, int]) -> tuple:
        payload = {"items": dto.items, "opened_at": dto.opened_at.isoformat()}
        if dto.total_cents < 0:
            raise ValueError(f"negative total on check {dto.external_id}")
        return (
            restaurant_id,
            dto.external_id,
            dto.table_label,
            seated.get(dto.table_label or ""),
            dto.total_cents,
            dto.closed,
            json.dumps(payload),
        )
