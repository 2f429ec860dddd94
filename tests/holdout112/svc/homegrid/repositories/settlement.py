from __future__ import annotations

from datetime import datetime
from typing import AsyncIterator
from uuid import UUID

from homegrid.db.pool import Repository


class SettlementRepository(Repository):
    async def get_balance(self, household_id: UUID) -> int:
        async with self.db.connection() as conn:
            value = await conn.fetchval(
                "SELECT credit_pence FROM settlement_balances WHERE household_id = $1", household_id
            )
        return int(value or 0)

    async def set_balance(self, household_id: UUID, credit_pence: int) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                """
                INSERT INTO settlement_balances (household_id, credit_pence) VALUES ($1, $2)
                ON CONFLICT (household_id) DO UPDATE
                SET credit_pence = EXCLUDED.credit_pence, updated_at = now()
                """,
                household_id, credit_pence,
            )

    async def apply_credit(
        self, household_id: UUID, event_id: UUID, amount_pence: int, reason: str
    ) -> bool:
        async with self.db.transaction() as conn:
            inserted = await conn.fetchval(
                """
                INSERT INTO settlement_ledger (household_id, dr_event_id, amount_pence, reason)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (household_id, dr_event_id, reason) DO NOTHING
                RETURNING id
                """,
                household_id, event_id, amount_pence, reason,
            )
            if inserted is None:
                return False
            await conn.execute(
                """
                INSERT INTO settlement_balances (household_id, credit_pence) VALUES ($1, $2)
                ON CONFLICT (household_id) DO UPDATE
                SET credit_pence = settlement_balances.credit_pence + EXCLUDED.credit_pence,
                    updated_at = now()
                """,
                household_id, amount_pence,
            )
        return True

    async def redeem(self, household_id: UUID, amount_pence: int) -> bool:
        async with self.db.connection() as conn:
            result = await conn.execute(
                """
                UPDATE settlement_balances SET credit_pence = credit_pence - $2, updated_at = now()
                WHERE household_id = $1 AND credit_pence >= $2
                """,
                household_id, amount_pence,
            )
        return result.endswith(" 1")

    async def ledger_rows(
        self, utility_id: str, start: datetime, end: datetime
    ) -> AsyncIterator[tuple[UUID, UUID | None, int, str, datetime]]:
        async with self.db.transaction() as conn:
            cursor = conn.cursor(
                """
                SELECT l.household_id, l.dr_event_id, l.amount_pence, l.reason, l.created_at
                FROM settlement_ledger l JOIN households h ON h.id = l.household_id
                WHERE h.utility_id = $1 AND l.created_at >= $2 AND l.created_at < $3
                ORDER BY l.id
                """,
                utility_id, start, end,
                prefetch=2000,
            )
            async for r in cursor:
                yield r["household_id"], r["dr_event_id"], r["amount_pence"], r["reason"], r["created_at"]

    async def start_export(self, utility_id: str, period: str) -> UUID | None:
        async with self.db.connection() as conn:
            return await conn.fetchval(
                """
                INSERT INTO settlement_exports (utility_id, period, status) VALUES ($1, $2, 'running')
                ON CONFLICT (utility_id, period) DO NOTHING RETURNING id
                """,
                utility_id, period,
            )

    async def finish_export(self, export_id: UUID, status: str, row_count: int) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                "UPDATE settlement_exports SET status = $2, row_count = $3 WHERE id = $1",
                export_id, status, row_count,
            )

    async def ledger_for_household(
        self, household_id: UUID, before_id: int | None, limit: int
    ) -> list[dict]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT id, dr_event_id, amount_pence, reason, created_at FROM settlement_ledger
                WHERE household_id = $1 AND ($2::bigint IS NULL OR id < $2)
                ORDER BY id DESC LIMIT $3
                """,
                household_id, before_id, limit,
            )
        return [dict(r) for r in rows]
