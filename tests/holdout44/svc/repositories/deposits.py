"""Deposit rows, raw asyncpg for the scanning hot path."""
from __future__ import annotations

from decimal import Decimal

import asyncpg

_COLUMNS = "id, chain, txid, vout, address_id, amount, block_height, confirmations, status, swept, seen_at"


class DepositRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_seen(
        self, chain: str, txid: str, vout: int, address_id: int, amount: Decimal, height: int | None
    ) -> int | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                """
                INSERT INTO deposits (chain, txid, vout, address_id, amount, block_height, status)
                VALUES ($1, $2, $3, $4, $5, $6, 'seen')
                ON CONFLICT (chain, txid, vout) DO NOTHING
                RETURNING id
                """,
                chain, txid, vout, address_id, amount, height,
            )

    async def pending(self, limit: int = 500) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                f"SELECT {_COLUMNS} FROM deposits WHERE status = 'seen' ORDER BY seen_at LIMIT $1", limit
            )

    async def by_txid(self, txid: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM deposits WHERE txid = $1", txid)

    async def by_chain_txid(self, chain: str, txid: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM deposits WHERE chain = $1 AND txid = $2", chain, txid)

    async def for_customer(self, customer_id: int, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                SELECT d.id, d.chain, d.txid, d.vout, d.amount, d.confirmations, d.status, d.seen_at
                FROM deposits d
                JOIN deposit_addresses a ON a.id = d.address_id
                WHERE a.customer_id = $1
                ORDER BY d.id DESC
                LIMIT $2
                """,
                customer_id, limit,
            )

    async def unswept(self, chain: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                f"SELECT {_COLUMNS} FROM deposits WHERE chain = $1 AND status = 'credited' AND NOT swept",
                chain,
            )

    async def set_confirmations(self, deposit_id: int, confirmations: int, status: str) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE deposits SET confirmations = $2, status = $3 WHERE id = $1",
                deposit_id, confirmations, status,
            )

    async def mark_credited(self, conn: asyncpg.Connection, deposit_id: int) -> bool:
        result = await conn.execute(
            "UPDATE deposits SET status = 'credited' WHERE id = $1 AND status = 'confirmed'", deposit_id
        )
        return result.endswith(" 1")

    async def mark_swept(self, deposit_ids: list[int]) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE deposits SET swept = TRUE WHERE id = ANY($1::bigint[])", deposit_ids)

    async def addresses_by_ids(self, ids: list[int]) -> dict[int, asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT id, chain, address, customer_id FROM deposit_addresses WHERE id = ANY($1::bigint[])", ids
            )
        return {row["id"]: row for row in rows}

    async def address_of(self, address_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow(
                "SELECT id, chain, address, customer_id FROM deposit_addresses WHERE id = $1", address_id
            )
