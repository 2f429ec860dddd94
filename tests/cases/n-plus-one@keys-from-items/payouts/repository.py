"""Ledger reads: one balance per (seller, currency), and the batched form."""
from __future__ import annotations

import asyncpg


class LedgerRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def fetch_balance(self, seller_id: int, currency: str) -> int:
        value = await self._pool.fetchval(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE seller_id = $1 AND currency = $2",
            seller_id,
            currency,
        )
        return int(value)

    async def fetch_balances(self, seller_ids: list[int]) -> dict[tuple[int, str], int]:
        rows = await self._pool.fetch(
            "SELECT seller_id, currency, SUM(amount_minor) AS total FROM ledger_entries "
            "WHERE seller_id = ANY($1::bigint[]) GROUP BY seller_id, currency",
            seller_ids,
        )
        return {(row["seller_id"], row["currency"]): int(row["total"]) for row in rows}

    async def count_by_status(self, status: str) -> int:
        return await self._pool.fetchval("SELECT count(*) FROM payouts WHERE status = $1", status)
