"""Ledger reads: raw SQL over joined tables."""
from __future__ import annotations

from datetime import datetime

import asyncpg


class TransferQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def approved_by(self, approver_id: int, since: datetime) -> list[asyncpg.Record]:
        # every test is on `transfers`: the planner must scan it, whatever the join column's index
        return await self._pool.fetch(
            """
            SELECT t.id, t.amount_cents, a.owner_email
            FROM transfers t
            JOIN accounts a ON a.id = t.account_id
            WHERE t.approver_id = $1 AND t.booked_at >= $2  -- # expect: missing-index
            ORDER BY t.booked_at DESC
            LIMIT 200
            """,
            approver_id, since,
        )

    async def for_owner(self, email: str) -> list[asyncpg.Record]:
        # the filter is on `accounts` (unique email): transfers are reached through their indexed account_id
        return await self._pool.fetch(
            """
            SELECT t.id, t.amount_cents
            FROM accounts a
            JOIN transfers t ON t.account_id = a.id
            WHERE a.owner_email = $1 AND t.amount_cents > $2
            LIMIT 200
            """,
            email, 0,
        )
