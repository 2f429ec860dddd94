"""Rate plan queries."""
from __future__ import annotations

from datetime import date
from typing import Any

import asyncpg


class PlanRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def for_month(self, room_id: int, start: date) -> list[dict[str, Any]]:
        rows = await self._pool.fetch("SELECT day, price FROM plans WHERE room_id = $1 AND day >= $2", room_id, start)
        return [dict(r) for r in rows]

    async def base_price(self, room_id: int) -> float:
        return await self._pool.fetchval("SELECT price FROM rooms WHERE id = $1", room_id)

    async def fx(self, currency: str) -> float:
        return await self._pool.fetchval("SELECT rate FROM fx WHERE code = $1", currency)
