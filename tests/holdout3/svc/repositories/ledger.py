"""Ledger storage on raw asyncpg: append-only entries, balances are sums."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import datetime

import asyncpg

from svc.config import Settings

_SELECT_ACCOUNT = "SELECT id FROM ledger_accounts WHERE seller_id = $1 AND currency = $2"
_INSERT_ACCOUNT = "INSERT INTO ledger_accounts (seller_id, currency) VALUES ($1, $2) RETURNING id"
_INSERT_ENTRY = """
    INSERT INTO ledger_entries (account_id, seller_id, order_id, payout_id, entry_type, amount_minor, currency)
    VALUES ($1, $2, $3, $4, $5, $6, $7)
"""


@dataclass(frozen=True)
class EntryIn:
    account_id: int
    seller_id: int
    order_id: int | None
    payout_id: int | None
    entry_type: str
    amount_minor: int
    currency: str

    def as_row(self) -> tuple[object, ...]:
        return astuple(self)


class LedgerDatabase:
    """Owns the asyncpg pool; created in the application lifespan."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._pool: asyncpg.Pool | None = None

    async def connect(self) -> asyncpg.Pool:
        s = self._settings
        self._pool = await asyncpg.create_pool(
            dsn=s.ledger_dsn,
            min_size=s.ledger_pool_min,
            max_size=s.ledger_pool_max,
            timeout=s.ledger_connect_timeout,
            command_timeout=s.ledger_command_timeout,
            server_settings={"application_name": "market-ledger"},
        )
        return self._pool

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("ledger database is not connected")
        return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()


class LedgerRepository:
    def __init__(self, pool: asyncpg.Pool, *, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def fetch_balance(self, seller_id: int, currency: str) -> int:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            value = await conn.fetchval(
                """
                SELECT COALESCE(SUM(amount_minor), 0)
                FROM ledger_entries
                WHERE seller_id = $1 AND currency = $2
                """,
                seller_id,
                currency,
            )
        return int(value)

    async def entries_for_order(self, order_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                """
                SELECT id, account_id, seller_id, entry_type, amount_minor, currency, created_at
                FROM ledger_entries
                WHERE order_id = $1
                ORDER BY created_at
                """,
                order_id,
            )

    async def entries_for_statement(
        self, seller_id: int, start: datetime, end: datetime
    ) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                """
                SELECT entry_type, amount_minor, currency, order_id, payout_id, created_at
                FROM ledger_entries
                WHERE seller_id = $1 AND created_at >= $2 AND created_at < $3
                ORDER BY created_at
                """,
                seller_id,
                start,
                end,
            )

    async def ensure_account(self, seller_id: int, currency: str) -> int:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            existing = await conn.fetchval(_SELECT_ACCOUNT, seller_id, currency)
            if existing is not None:
                return int(existing)
            return int(await conn.fetchval(_INSERT_ACCOUNT, seller_id, currency))

    async def insert_entries(self, entries: Sequence[EntryIn]) -> None:
        if not entries:
            return
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        async with conn.transaction():
            await conn.executemany(_INSERT_ENTRY, [entry.as_row() for entry in entries])
        await self._pool.release(conn)
