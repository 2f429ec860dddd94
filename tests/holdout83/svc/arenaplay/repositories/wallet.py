from __future__ import annotations

import logging

from arenaplay.db.pg import PgPool

logger = logging.getLogger(__name__)


class WalletRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def get_balance(self, player_id: int) -> int:
        async with self._pg.connection() as conn:
            value = await conn.fetchval("SELECT balance FROM wallets WHERE player_id = $1", player_id)
        return int(value or 0)

    async def set_balance(self, player_id: int, balance: int) -> None:
        async with self._pg.connection() as conn:
            await conn.execute(
                "UPDATE wallets SET balance = $2, updated_at = now() WHERE player_id = $1", player_id, balance
            )

    async def debit(self, player_id: int, amount: int, reason: str, ref: str) -> int | None:
        async with self._pg.transaction() as conn:
            remaining = await conn.fetchval(
                "UPDATE wallets SET balance = balance - $2, updated_at = now() "
                "WHERE player_id = $1 AND balance >= $2 RETURNING balance",
                player_id, amount,
            )
            if remaining is None:
                return None
            await conn.execute(
                "INSERT INTO wallet_ledger (player_id, delta, reason, ref) VALUES ($1, $2, $3, $4)",
                player_id, -amount, reason, ref,
            )
        return int(remaining)

    async def credit(self, player_id: int, amount: int, reason: str, ref: str) -> int:
        async with self._pg.transaction() as conn:
            current = await conn.fetchval("SELECT balance FROM wallets WHERE player_id = $1 FOR UPDATE", player_id)
            if current is None:
                await conn.execute("INSERT INTO wallets (player_id, balance) VALUES ($1, 0)", player_id)
                current = 0
            inserted = await conn.fetchval(
                "INSERT INTO wallet_ledger (player_id, delta, reason, ref) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (ref, reason) DO NOTHING RETURNING id",
                player_id, amount, reason, ref,
            )
            if inserted is None:
                return int(current)
            new_balance = int(current) + amount
            await conn.execute("UPDATE wallets SET balance = $2, updated_at = now() WHERE player_id = $1",
                               player_id, new_balance)
        return new_balance

    async def ledger(self, player_id: int, limit: int = 50) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT delta, reason, ref, created_at FROM wallet_ledger "
                "WHERE player_id = $1 ORDER BY created_at DESC LIMIT $2",
                player_id, limit,
            )
        return [dict(r) for r in rows]

    async def export_ledger(self, player_id: int) -> list[tuple]:
        conn = await self._pg.raw.acquire(timeout=5)
        rows = await conn.fetch(
            "SELECT id, delta, reason, ref, created_at FROM wallet_ledger WHERE player_id = $1 ORDER BY id",
            player_id,
        )
        await self._pg.raw.release(conn)
        return [tuple(r) for r in rows]
