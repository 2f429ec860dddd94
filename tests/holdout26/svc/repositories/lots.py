"""Raw SQL access to lots."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
from fastapi import HTTPException

from svc.errors import NotFound

LOT_COLUMNS = (
    "id, seller_id, title, category, status, starting_cents, reserve_cents, "
    "current_cents, leading_bidder_id, weight_grams, ends_at"
)


class LotRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float = 5.0) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def get(self, lot_id: int) -> asyncpg.Record:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            row = await conn.fetchrow(f"SELECT {LOT_COLUMNS} FROM lots WHERE id = $1", lot_id)
        if row is None:
            raise NotFound(f"lot {lot_id}")
        return row

    async def get_for_seller(self, seller_id: int, lot_id: int) -> asyncpg.Record:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            row = await conn.fetchrow(
                f"SELECT {LOT_COLUMNS} FROM lots WHERE id = $1 AND seller_id = $2",
                lot_id,
                seller_id,
            )
        if row is None:
            raise HTTPException(status_code=404, detail="lot not found")
        return row

    async def get_many(self, lot_ids: list[int]) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                f"SELECT {LOT_COLUMNS} FROM lots WHERE id = ANY($1::bigint[])", lot_ids
            )

    async def list_by_seller(self, seller_id: int, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                f"SELECT {LOT_COLUMNS} FROM lots WHERE seller_id = $1 ORDER BY id DESC LIMIT $2",
                seller_id,
                limit,
            )

    async def browse_category(
        self, category: str, after_id: int | None, limit: int = 40
    ) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                f"SELECT {LOT_COLUMNS} FROM lots WHERE category = $1 AND status = 'open' "
                "AND id < COALESCE($2, 9223372036854775807) ORDER BY id DESC LIMIT $3",
                category,
                after_id,
                limit,
            )

    async def search(self, term: str, limit: int = 40) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                f"SELECT {LOT_COLUMNS} FROM lots WHERE title ILIKE '%' || $1 || '%' "
                "ORDER BY ends_at LIMIT $2",
                term,
                limit,
            )

    async def due_for_close(self, now: datetime, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                f"SELECT {LOT_COLUMNS} FROM lots WHERE status = 'open' AND ends_at <= $1 "
                "ORDER BY ends_at LIMIT $2",
                now,
                limit,
            )

    async def mark_closed(self, lot_id: int, now: datetime) -> bool:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            result = await conn.execute(
                "UPDATE lots SET status = 'closed', closed_at = $2 "
                "WHERE id = $1 AND status = 'open'",
                lot_id,
                now,
            )
        return result == "UPDATE 1"

    async def extend(self, conn: asyncpg.Connection, lot_id: int, new_end: datetime) -> None:
        await conn.execute(
            "UPDATE lots SET ends_at = GREATEST(ends_at, $2) WHERE id = $1", lot_id, new_end
        )

    async def create(self, seller_id: int, data: dict[str, Any]) -> int:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                "INSERT INTO lots (seller_id, title, description, category, status, "
                "starting_cents, reserve_cents, weight_grams, ends_at) "
                "VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8) RETURNING id",
                seller_id,
                data["title"],
                data.get("description", ""),
                data["category"],
                data["starting_cents"],
                data.get("reserve_cents"),
                data.get("weight_grams", 0),
                data["ends_at"],
            )
