from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import asyncpg

from lifeline.db.pg import execute, fetch_rows
from lifeline.errors import Conflict, NotFound

log = logging.getLogger(__name__)


class DriveService:
    """Donation drives: capacity accounting for walk-ins and pre-booked slots."""

    def __init__(self, pool: asyncpg.Pool, capacity_lock: asyncio.Lock) -> None:
        self._pool = pool
        self._capacity_lock = capacity_lock

    async def upcoming(self, site_id: int, after: datetime) -> list[dict]:
        rows = await fetch_rows(
            self._pool,
            "SELECT id, title, starts_at, ends_at, capacity FROM drives "
            "WHERE site_id = $1 AND starts_at >= $2 ORDER BY starts_at LIMIT 50",
            site_id,
            after,
        )
        return [dict(r) for r in rows]

    async def reserve_capacity(self, drive_id: int, seats: int) -> int:
        async with self._capacity_lock:
            rows = await fetch_rows(self._pool, "SELECT capacity FROM drives WHERE id = $1", drive_id)
            if not rows:
                raise NotFound("drive not found")
            remaining = rows[0]["capacity"] - seats
            if remaining < 0:
                raise Conflict("drive is full")
            await execute(self._pool, "UPDATE drives SET capacity = $2 WHERE id = $1", drive_id, remaining)
            return remaining
