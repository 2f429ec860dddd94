"""Wallet balances kept in PostgreSQL."""
import asyncpg


class InsufficientFunds(Exception):
    pass


class WalletRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def gift(self, sender_id: int, receiver_id: int, amount: int) -> None:
        async with self._pool.acquire() as conn:
            balance = await conn.fetchval("SELECT balance FROM wallets WHERE player_id = $1", sender_id)
            if balance is None or balance < amount:  # expect: race-condition
                raise InsufficientFunds()
            await conn.execute("UPDATE wallets SET balance = $2 WHERE player_id = $1", sender_id, balance - amount)
            await conn.execute("UPDATE wallets SET balance = balance + $2 WHERE player_id = $1", receiver_id, amount)

    async def gift_locked(self, sender_id: int, receiver_id: int, amount: int) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            balance = await conn.fetchval("SELECT balance FROM wallets WHERE player_id = $1 FOR UPDATE", sender_id)
            if balance is None or balance < amount:
                raise InsufficientFunds()
            await conn.execute("UPDATE wallets SET balance = $2 WHERE player_id = $1", sender_id, balance - amount)
            await conn.execute("UPDATE wallets SET balance = balance + $2 WHERE player_id = $1", receiver_id, amount)

    async def spend(self, player_id: int, amount: int) -> int:
        async with self._pool.acquire() as conn:
            balance = await conn.fetchval("SELECT balance FROM wallets WHERE player_id = $1", player_id)
            if balance is None or balance < amount:
                raise InsufficientFunds()
            left = await conn.fetchval(
                "UPDATE wallets SET balance = balance - $2 WHERE player_id = $1 AND balance >= $2 RETURNING balance",
                player_id, amount)
            if left is None:
                raise InsufficientFunds()
            return int(left)

    async def rename(self, player_id: int, name: str) -> None:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow("SELECT player_id FROM wallets WHERE player_id = $1", player_id)
            if row is None:
                raise KeyError(player_id)
            await conn.execute("UPDATE wallets SET display_name = $2 WHERE player_id = $1", player_id, name)


class SeatRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, event_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire() as conn:
            return await conn.fetchrow("SELECT id, sold, capacity FROM events WHERE id = $1", event_id)

    async def add_sold(self, event_id: int) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE events SET sold = sold + 1 WHERE id = $1", event_id)
