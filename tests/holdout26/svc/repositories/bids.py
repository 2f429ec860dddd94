"""Raw SQL access to bids."""
from __future__ import annotations

import asyncpg


class BidRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float = 5.0) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def highest(self, lot_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchrow(
                "SELECT id, bidder_id, amount_cents FROM bids WHERE lot_id = $1 "
                "ORDER BY amount_cents DESC LIMIT 1",
                lot_id,
            )

    async def highest_for_lots(self, lot_ids: list[int]) -> dict[int, int]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT lot_id, max(amount_cents) AS top FROM bids "
                "WHERE lot_id = ANY($1::bigint[]) GROUP BY lot_id",
                lot_ids,
            )
        return {r["lot_id"]: r["top"] for r in rows}

    async def insert_unchecked(self, lot_id: int, bidder_id: int, amount_cents: int) -> int:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                "INSERT INTO bids (lot_id, bidder_id, amount_cents) VALUES ($1, $2, $3) RETURNING id",
                lot_id,
                bidder_id,
                amount_cents,
            )

    async def place_locked(
        self, conn: asyncpg.Connection, lot_id: int, bidder_id: int, amount_cents: int
    ) -> int:
        """Insert a bid and move the lot's price; caller holds the lot row lock."""
        bid_id = await conn.fetchval(
            "INSERT INTO bids (lot_id, bidder_id, amount_cents) VALUES ($1, $2, $3) RETURNING id",
            lot_id,
            bidder_id,
            amount_cents,
        )
        await conn.execute(
            "UPDATE lots SET current_cents = $2, leading_bidder_id = $3 WHERE id = $1",
            lot_id,
            amount_cents,
            bidder_id,
        )
        return bid_id

    async def for_bidder(self, bidder_id: int, limit: int = 100) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT b.id, b.lot_id, b.amount_cents, b.created_at FROM bids b "
                "WHERE b.bidder_id = $1 ORDER BY b.created_at DESC LIMIT $2",
                bidder_id,
                limit,
            )

    async def history(self, lot_id: int, page: int, page_size: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, bidder_id, amount_cents, created_at FROM bids WHERE lot_id = $1 "
                "ORDER BY amount_cents DESC LIMIT $2 OFFSET $3",
                lot_id,
                page_size,
                page * page_size,
            )

    async def distinct_bidders(self, lot_id: int) -> list[int]:
        conn: asyncpg.Connection = await self._pool.acquire(timeout=self._acquire_timeout)
        rows = await conn.fetch("SELECT DISTINCT bidder_id FROM bids WHERE lot_id = $1", lot_id)
        await self._pool.release(conn)
        return [r["bidder_id"] for r in rows]

    async def bidders_for_lots(self, lot_ids: list[int]) -> dict[int, list[int]]:
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        try:
            rows = await conn.fetch(
                "SELECT lot_id, array_agg(DISTINCT bidder_id) AS bidders FROM bids "
                "WHERE lot_id = ANY($1::bigint[]) GROUP BY lot_id",
                lot_ids,
            )
        finally:
            await self._pool.release(conn)
        return {r["lot_id"]: list(r["bidders"]) for r in rows}
