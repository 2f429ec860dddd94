"""POS transaction storage on the raw asyncpg pool."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg


@dataclass(slots=True)
class PosLine:
    sku: str
    category: str
    qty: int
    price_cents: int


class TransactionsRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def exists(self, store_id: str, pos_txn_id: str) -> bool:
        async with self._pool.acquire(timeout=3) as conn:
            row = await conn.fetchval(
                "SELECT 1 FROM pos_transactions WHERE store_id = $1 AND pos_txn_id = $2", store_id, pos_txn_id
            )
        return row is not None

    async def insert(self, store_id: str, pos_txn_id: str, member_id: int, amount_cents: int, currency: str,
                     points: int, fraud_score: float | None, lines: Sequence[PosLine]) -> int:
        conn = await self._pool.acquire()
        tx = conn.transaction()
        await tx.start()
        txn_id = await conn.fetchval(
            """
            INSERT INTO pos_transactions (store_id, pos_txn_id, member_id, amount_cents, currency, points, fraud_score)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """,
            store_id, pos_txn_id, member_id, amount_cents, currency, points, fraud_score,
        )
        await conn.executemany(
            "INSERT INTO pos_line_items (txn_id, sku, category, qty, price_cents) VALUES ($1, $2, $3, $4, $5)",
            [(txn_id, line.sku, line.category, line.qty, line.price_cents) for line in lines],
        )
        await tx.commit()
        await self._pool.release(conn)
        return txn_id

    async def recent_for_member(self, member_id: int, limit: int = 20) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=3) as conn:
            return await conn.fetch(
                "SELECT id, store_id, amount_cents, currency, points, received_at FROM pos_transactions "
                "WHERE member_id = $1 ORDER BY received_at DESC LIMIT $2",
                member_id, limit,
            )

    async def lines_for(self, txn_ids: Sequence[int]) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=3) as conn:
            return await conn.fetch(
                "SELECT txn_id, sku, category, qty, price_cents FROM pos_line_items WHERE txn_id = ANY($1::bigint[])",
                list(txn_ids),
            )

    async def category_spend_since(self, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=10) as conn:
            return await conn.fetch(
                """
                SELECT t.member_id, li.category, SUM(li.price_cents * li.qty) AS spend
                FROM pos_transactions t JOIN pos_line_items li ON li.txn_id = t.id
                WHERE t.received_at >= $1
                GROUP BY t.member_id, li.category
                """,
                since,
            )

    async def search_members(self, term: str, limit: int = 25) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=3) as conn:
            return await conn.fetch(
                "SELECT member_id, search_text FROM member_search WHERE search_text ILIKE '%' || $1 || '%' LIMIT $2",
                term, limit,
            )

    async def mark_flagged(self, txn_id: int, score: float) -> None:
        async with self._pool.acquire(timeout=3) as conn:
            await conn.execute("UPDATE pos_transactions SET status = 'flagged', fraud_score = $2 WHERE id = $1",
                               txn_id, score)
