"""Controlled-substance register. Append-only; every movement records the balance after it."""
from __future__ import annotations

from datetime import datetime

import asyncpg

_LAST_BALANCE_SQL = """
SELECT balance_after FROM controlled_register
WHERE branch_id = $1 AND drug_code = $2
ORDER BY created_at DESC
LIMIT 1
"""

_INSERT_SQL = """
INSERT INTO controlled_register (branch_id, drug_code, delta, balance_after, actor, reason, prescription_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING balance_after
"""


class ControlledRegisterRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def last_balance(self, branch_id: int, drug_code: str) -> int:
        async with self._pool.acquire(timeout=3) as conn:
            value = await conn.fetchval(_LAST_BALANCE_SQL, branch_id, drug_code)
        return int(value or 0)

    async def record_movement(
        self,
        branch_id: int,
        drug_code: str,
        delta: int,
        actor: str,
        reason: str,
        prescription_id: int | None = None,
    ) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                # Serialise movements per (branch, drug) so balance_after is a true running total.
                await conn.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", branch_id, drug_code)
                previous = await conn.fetchval(_LAST_BALANCE_SQL, branch_id, drug_code) or 0
                if previous + delta < 0:
                    raise ValueError(f"register balance for {drug_code} would go negative")
                return await conn.fetchval(
                    _INSERT_SQL, branch_id, drug_code, delta, previous + delta, actor, reason, prescription_id
                )

    async def history(self, branch_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT drug_code, delta, balance_after, actor, reason, created_at FROM controlled_register "
                "WHERE branch_id = $1 AND created_at >= $2 ORDER BY created_at",
                branch_id,
                since,
            )
