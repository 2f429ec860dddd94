"""Ledger rows for statements."""
from __future__ import annotations

import asyncpg


class LedgerRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def entries(self, seller_id: int) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT entry_type, amount_minor, created_at FROM ledger_entries WHERE seller_id = $1", seller_id
        )
