"""Payout storage."""
from __future__ import annotations

from typing import Any

import asyncpg


class PayoutStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def payouts_for_week(self, week: str) -> list[dict[str, Any]]:
        rows = await self._pool.fetch("SELECT id, restaurant_id, amount_cents FROM payouts WHERE week = $1", week)
        return [dict(r) for r in rows]

    async def restaurants(self, ids: list[int]) -> list[dict[str, Any]]:
        rows = await self._pool.fetch("SELECT id, name FROM restaurants WHERE id = ANY($1::bigint[])", ids)
        return [dict(r) for r in rows]

    async def open_disputes(self) -> list[dict[str, Any]]:
        return [dict(r) for r in await self._pool.fetch("SELECT id, payout_id FROM disputes WHERE open LIMIT 500")]

    async def staff_for(self, restaurant_id: int) -> list[dict[str, Any]]:
        rows = await self._pool.fetch("SELECT id, name FROM staff WHERE restaurant_id = $1", restaurant_id)
        return [dict(r) for r in rows]
