"""Double-entry ledger storage (asyncpg)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import asyncpg


@dataclass(frozen=True)
class Leg:
    account_id: int
    amount: Decimal


class UnbalancedTransaction(ValueError):
    pass


class InsufficientFunds(RuntimeError):
    pass


class LedgerRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def post(self, kind: str, reference: str, legs: list[Leg], memo: str | None = None) -> int | None:
        if sum((leg.amount for leg in legs), Decimal(0)) != 0:
            raise UnbalancedTransaction(reference)
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                tx_id = await conn.fetchval(
                    "INSERT INTO ledger_transactions (kind, reference, memo) VALUES ($1, $2, $3) "
                    "ON CONFLICT (reference) DO NOTHING RETURNING id",
                    kind, reference, memo,
                )
                if tx_id is None:
                    return None
                account_ids = sorted({leg.account_id for leg in legs})
                await conn.fetch("SELECT id FROM accounts WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE", account_ids)
                await conn.executemany(
                    "INSERT INTO ledger_entries (transaction_id, account_id, amount) VALUES ($1, $2, $3)",
                    [(tx_id, leg.account_id, leg.amount) for leg in legs],
                )
                await conn.executemany(
                    "UPDATE accounts SET balance = balance + $2, version = version + 1 WHERE id = $1",
                    [(leg.account_id, leg.amount) for leg in legs],
                )
                return tx_id

    async def balance(self, account_id: int) -> tuple[Decimal, Decimal]:
        async with self._pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow("SELECT balance, held FROM accounts WHERE id = $1", account_id)
        if row is None:
            return Decimal(0), Decimal(0)
        return row["balance"], row["held"]

    async def balances(self, account_ids: list[int]) -> dict[int, tuple[Decimal, Decimal]]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT id, balance, held FROM accounts WHERE id = ANY($1::bigint[])", account_ids
            )
        return {r["id"]: (r["balance"], r["held"]) for r in rows}

    async def place_hold(self, account_id: int, amount: Decimal) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            updated = await conn.fetchval(
                "UPDATE accounts SET held = held + $2 WHERE id = $1 AND balance - held >= $2 RETURNING id",
                account_id, amount,
            )
        if updated is None:
            raise InsufficientFunds(account_id)

    async def add_hold(self, account_id: int, amount: Decimal) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE accounts SET held = held + $2 WHERE id = $1", account_id, amount)

    async def release_hold(self, account_id: int, amount: Decimal) -> None:
        conn = await self._pool.acquire(timeout=5)
        await conn.execute("UPDATE accounts SET held = held - $2 WHERE id = $1", account_id, amount)
        await self._pool.release(conn)

    async def history(self, account_id: int, before_id: int | None, limit: int = 100) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                SELECT e.id, e.amount, e.created_at, t.kind, t.reference
                FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
                WHERE e.account_id = $1 AND ($2::bigint IS NULL OR e.id < $2)
                ORDER BY e.created_at DESC
                LIMIT $3
                """,
                account_id, before_id, limit,
            )

    async def entries_for_asset(self, asset: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT e.*, a.kind AS account_kind FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE a.asset = $1",
                asset,
            )

    async def total_for_kind(self, asset: str, kinds: tuple[str, ...]) -> Decimal:
        async with self._pool.acquire(timeout=5) as conn:
            value = await conn.fetchval(
                "SELECT COALESCE(SUM(balance), 0) FROM accounts WHERE asset = $1 AND kind = ANY($2::text[])",
                asset, list(kinds),
            )
        return Decimal(value)
