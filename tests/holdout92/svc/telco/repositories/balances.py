from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import asyncpg


@dataclass
class BalanceRow:
    subscriber_id: int
    amount_cents: int
    reserved_cents: int
    data_allowance_kb: int

    @property
    def available_cents(self) -> int:
        return self.amount_cents - self.reserved_cents


_COLUMNS = "subscriber_id, amount_cents, reserved_cents, data_allowance_kb"


class BalanceRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, subscriber_id: int) -> BalanceRow | None:
        async with self._pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM balances WHERE subscriber_id = $1", subscriber_id)
        return BalanceRow(**dict(row)) if row else None

    async def get_many(self, subscriber_ids: list[int]) -> dict[int, BalanceRow]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                f"SELECT {_COLUMNS} FROM balances WHERE subscriber_id = ANY($1::bigint[])", subscriber_ids
            )
        return {row["subscriber_id"]: BalanceRow(**dict(row)) for row in rows}

    async def reserve(self, subscriber_id: int, session_id: str, amount_cents: int, ttl_s: int = 900) -> int | None:
        expires = datetime.now(timezone.utc) + timedelta(seconds=ttl_s)
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                remaining = await conn.fetchval(
                    "UPDATE balances SET reserved_cents = reserved_cents + $2, updated_at = now() "
                    "WHERE subscriber_id = $1 AND amount_cents - reserved_cents >= $2 RETURNING amount_cents - reserved_cents",
                    subscriber_id, amount_cents,
                )
                if remaining is None:
                    return None
                return await conn.fetchval(
                    "INSERT INTO reservations (subscriber_id, session_id, amount_cents, expires_at) "
                    "VALUES ($1, $2, $3, $4) RETURNING id",
                    subscriber_id, session_id, amount_cents, expires,
                )

    async def find_held_reservation(self, session_id: str) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow(
                "SELECT id, subscriber_id, amount_cents FROM reservations WHERE session_id = $1 AND status = 'held'",
                session_id,
            )

    async def commit_reservation(self, reservation_id: int, used_cents: int) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                res = await conn.fetchrow(
                    "SELECT subscriber_id, amount_cents, status FROM reservations WHERE id = $1 FOR UPDATE",
                    reservation_id,
                )
                if res is None or res["status"] != "held":
                    return 0
                charged = min(used_cents, res["amount_cents"])
                await conn.execute(
                    "UPDATE balances SET amount_cents = amount_cents - $2, reserved_cents = reserved_cents - $3, "
                    "updated_at = now() WHERE subscriber_id = $1",
                    res["subscriber_id"], charged, res["amount_cents"],
                )
                await conn.execute("UPDATE reservations SET status = 'committed' WHERE id = $1", reservation_id)
                return charged

    async def debit(self, subscriber_id: int, amount_cents: int) -> bool:
        async with self._pool.acquire(timeout=5) as conn:
            status = await conn.execute(
                "UPDATE balances SET amount_cents = amount_cents - $2, updated_at = now() "
                "WHERE subscriber_id = $1 AND amount_cents - reserved_cents >= $2",
                subscriber_id, amount_cents,
            )
        return status.endswith(" 1")

    async def transfer(self, from_id: int, to_id: int, amount_cents: int) -> bool:
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                rows = await conn.fetch(
                    "SELECT subscriber_id, amount_cents - reserved_cents AS available FROM balances "
                    "WHERE subscriber_id = ANY($1::bigint[]) ORDER BY subscriber_id FOR UPDATE",
                    [from_id, to_id],
                )
                available = {row["subscriber_id"]: row["available"] for row in rows}
                if len(available) != 2 or available[from_id] < amount_cents:
                    return False
                await conn.execute(
                    "UPDATE balances SET amount_cents = amount_cents - $2, updated_at = now() WHERE subscriber_id = $1",
                    from_id, amount_cents,
                )
                await conn.execute(
                    "UPDATE balances SET amount_cents = amount_cents + $2, updated_at = now() WHERE subscriber_id = $1",
                    to_id, amount_cents,
                )
        return True

    async def set_amount(self, subscriber_id: int, amount_cents: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE balances SET amount_cents = $2, updated_at = now() WHERE subscriber_id = $1",
                subscriber_id, amount_cents,
            )

    async def add_allowance(self, subscriber_id: int, data_kb: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE balances SET data_allowance_kb = data_allowance_kb + $2, updated_at = now() WHERE subscriber_id = $1",
                subscriber_id, data_kb,
            )

    async def release_expired(self) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            status = await conn.execute(
                """
                WITH expired AS (
                    UPDATE reservations SET status = 'expired'
                    WHERE status = 'held' AND expires_at < now()
                    RETURNING subscriber_id, amount_cents
                ), totals AS (
                    SELECT subscriber_id, sum(amount_cents) AS total FROM expired GROUP BY subscriber_id
                )
                UPDATE balances b SET reserved_cents = b.reserved_cents - t.total
                FROM totals t WHERE b.subscriber_id = t.subscriber_id
                """
            )
        return int(status.split()[-1])
