"""Double-entry ledger on raw asyncpg: every posting is a balanced set of entries in one transaction."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import asyncpg

from ..errors import LedgerImbalance


@dataclass(frozen=True)
class Entry:
    account_id: str
    amount: Decimal
    currency: str


class LedgerRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def post(self, transfer_id: uuid.UUID, entries: list[Entry], memo: str = "") -> None:
        by_currency: dict[str, Decimal] = {}
        for e in entries:
            by_currency[e.currency] = by_currency.get(e.currency, Decimal(0)) + e.amount
        if any(total != 0 for total in by_currency.values()):
            raise LedgerImbalance(f"unbalanced posting for {transfer_id}: {by_currency}")
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                await conn.executemany(
                    "INSERT INTO ledger_entries (transfer_id, account_id, amount, currency, memo, created_at, updated_at)"
                    " VALUES ($1, $2, $3, $4, $5, now(), now())",
                    [(transfer_id, e.account_id, e.amount, e.currency, memo) for e in entries],
                )

    async def balance(self, account_id: str) -> Decimal:
        async with self._pool.acquire(timeout=5) as conn:
            value = await conn.fetchval(
                "SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE account_id = $1", account_id
            )
        return Decimal(value)

    async def daily_totals(self, business_date: date) -> list[asyncpg.Record]:
        conn = await self._pool.acquire(timeout=5)
        rows = await conn.fetch(
            "SELECT account_id, currency, SUM(amount) AS total FROM ledger_entries"
            " WHERE to_char(created_at, 'YYYY-MM-DD') = $1 GROUP BY account_id, currency",
            business_date.isoformat(),
        )
        await self._pool.release(conn)
        return rows

    async def entries_for_transfers(self, transfer_ids: list[uuid.UUID]) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT transfer_id, account_id, amount, currency FROM ledger_entries"
                " WHERE transfer_id = ANY($1::uuid[]) ORDER BY id",
                transfer_ids,
            )
