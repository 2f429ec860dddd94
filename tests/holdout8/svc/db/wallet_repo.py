"""Wallet balances and real-money purchase records (asyncpg)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg

from svc.errors import InsufficientFundsError, NotFoundError


class WalletRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    def _acquire(self) -> Any:
        return self._pool.acquire(timeout=self._acquire_timeout)

    async def balance(self, player_id: int) -> int:
        async with self._acquire() as conn:
            value = await conn.fetchval("SELECT balance FROM wallets WHERE player_id = $1", player_id)
        if value is None:
            raise NotFoundError("wallet not found", details={"player_id": player_id})
        return int(value)

    async def spend(self, player_id: int, amount: int) -> int:
        """Debit ``amount`` gems in one statement; returns the new balance."""
        async with self._acquire() as conn:
            new_balance = await conn.fetchval(
                "UPDATE wallets SET balance = balance - $2, updated_at = now() "
                "WHERE player_id = $1 AND balance >= $2 RETURNING balance",
                player_id,
                amount,
            )
        if new_balance is None:
            raise InsufficientFundsError("not enough gems", details={"required": amount})
        return int(new_balance)

    async def add_gems(self, player_id: int, amount: int) -> int:
        async with self._acquire() as conn:
            new_balance = await conn.fetchval(
                "UPDATE wallets SET balance = balance + $2, updated_at = now() WHERE player_id = $1 RETURNING balance",
                player_id,
                amount,
            )
        if new_balance is None:
            raise NotFoundError("wallet not found", details={"player_id": player_id})
        return int(new_balance)

    async def transfer_gift(self, sender_id: int, receiver_id: int, amount: int) -> int:
        async with self._acquire() as conn:
            balance = await conn.fetchval("SELECT balance FROM wallets WHERE player_id = $1", sender_id)
            if balance is None or balance < amount:
                raise InsufficientFundsError("not enough gems to gift", details={"required": amount})
            await conn.execute(
                "UPDATE wallets SET balance = $2, updated_at = now() WHERE player_id = $1",
                sender_id,
                balance - amount,
            )
            await conn.execute(
                "UPDATE wallets SET balance = balance + $2, updated_at = now() WHERE player_id = $1",
                receiver_id,
                amount,
            )
        return balance - amount

    async def credit_purchase(self, purchase_id: uuid.UUID, provider_txn_id: str) -> bool:
        """Settle a pending purchase and credit its gems exactly once."""
        async with self._acquire() as conn:
            async with conn.transaction():
                row = await conn.fetchrow(
                    "UPDATE purchases SET status = 'settled', provider_txn_id = $2 "
                    "WHERE id = $1 AND status = 'pending' RETURNING player_id, gems",
                    purchase_id,
                    provider_txn_id,
                )
                if row is None:
                    return False
                await conn.execute(
                    "UPDATE wallets SET balance = balance + $2, updated_at = now() WHERE player_id = $1",
                    row["player_id"],
                    row["gems"],
                )
        return True

    async def record_purchase(
        self,
        *,
        player_id: int,
        offer_id: str,
        gems: int,
        amount_cents: int,
        currency: str,
        idempotency_key: str,
    ) -> uuid.UUID | None:
        async with self._acquire() as conn:
            return await conn.fetchval(
                "INSERT INTO purchases (id, player_id, offer_id, gems, amount_cents, currency, status, idempotency_key) "
                "VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) "
                "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
                uuid.uuid4(),
                player_id,
                offer_id,
                gems,
                amount_cents,
                currency,
                idempotency_key,
            )

    async def attach_intent(self, purchase_id: uuid.UUID, intent_id: str) -> None:
        async with self._acquire() as conn:
            await conn.execute("UPDATE purchases SET provider_intent_id = $2 WHERE id = $1", purchase_id, intent_id)

    async def by_idempotency_key(self, key: str) -> asyncpg.Record | None:
        async with self._acquire() as conn:
            return await conn.fetchrow(
                "SELECT id, player_id, offer_id, gems, status, created_at FROM purchases WHERE idempotency_key = $1", key
            )

    async def get_purchase(self, purchase_id: uuid.UUID) -> asyncpg.Record | None:
        async with self._acquire() as conn:
            return await conn.fetchrow(
                "SELECT id, player_id, offer_id, gems, amount_cents, currency, status FROM purchases WHERE id = $1",
                purchase_id,
            )

    async def by_intent(self, intent_id: str) -> asyncpg.Record | None:
        async with self._acquire() as conn:
            return await conn.fetchrow(
                "SELECT id, player_id, gems, status FROM purchases WHERE provider_intent_id = $1", intent_id
            )

    async def by_provider_txn(self, provider_txn_id: str) -> asyncpg.Record | None:
        async with self._acquire() as conn:
            return await conn.fetchrow(
                "SELECT id, player_id, gems, status, provider_intent_id FROM purchases WHERE provider_txn_id = $1",
                provider_txn_id,
            )

    async def history(self, player_id: int, before: datetime, limit: int = 25) -> list[asyncpg.Record]:
        async with self._acquire() as conn:
            return await conn.fetch(
                "SELECT id, offer_id, gems, amount_cents, currency, status, created_at FROM purchases "
                "WHERE player_id = $1 AND created_at < $2 ORDER BY created_at DESC LIMIT $3",
                player_id,
                before,
                limit,
            )

    async def apply_refund(self, purchase_id: uuid.UUID) -> None:
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        async with conn.transaction():
            row = await conn.fetchrow(
                "UPDATE purchases SET status = 'refunded' WHERE id = $1 AND status = 'settled' "
                "RETURNING player_id, gems",
                purchase_id,
            )
            if row is not None:
                await conn.execute(
                    "UPDATE wallets SET balance = balance - $2, updated_at = now() WHERE player_id = $1",
                    row["player_id"],
                    row["gems"],
                )
        await self._pool.release(conn)
