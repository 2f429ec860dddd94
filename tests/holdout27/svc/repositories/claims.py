"""Raw-SQL access to claims and their event history (asyncpg)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import asyncpg

from svc.db.connections import PgRepository

OPEN_STATUSES: tuple[str, ...] = ("submitted", "triage", "investigating", "awaiting_documents")
_CLAIM_COLUMNS = "id, claim_number, policy_id, adjuster_id, status, amount_claimed_cents, sla_due_at, version"


class ClaimsRepository(PgRepository):
    async def get(self, claim_id: int) -> asyncpg.Record | None:
        async with self.acquire() as conn:
            return await conn.fetchrow(f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE id = $1", claim_id)

    async def get_by_claim_number(self, claim_number: str) -> asyncpg.Record | None:
        async with self.acquire() as conn:
            return await conn.fetchrow(f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE claim_number = $1", claim_number)

    async def find_by_external_ref(self, external_ref: str) -> asyncpg.Record | None:
        async with self.acquire() as conn:
            return await conn.fetchrow("SELECT id, claim_number, status FROM claims WHERE external_ref = $1", external_ref)

    async def insert(
        self,
        conn: asyncpg.Connection,
        *,
        policy_id: int,
        loss_type: str,
        description: str,
        incident_date: date,
        amount_claimed_cents: int,
        claimant_email: str,
        external_ref: str | None,
        sla_due_at: datetime,
    ) -> asyncpg.Record:
        return await conn.fetchrow(
            """
            INSERT INTO claims (claim_number, policy_id, loss_type, description, incident_date,
                                amount_claimed_cents, claimant_email, external_ref, sla_due_at, status)
            VALUES ('CLM-' || lpad(nextval('claim_number_seq')::text, 9, '0'), $1, $2, $3, $4, $5, $6, $7, $8, 'submitted')
            RETURNING id, claim_number
            """,
            policy_id, loss_type, description, incident_date, amount_claimed_cents,
            claimant_email, external_ref, sla_due_at,
        )

    async def transition(self, claim_id: int, from_status: str, to_status: str) -> bool:
        async with self.acquire() as conn:
            row = await conn.fetchrow(
                "UPDATE claims SET status = $3, version = version + 1, updated_at = now() WHERE id = $1 AND status = $2 RETURNING id",
                claim_id, from_status, to_status,
            )
        return row is not None

    async def update_status(self, claim_id: int, status: str) -> None:
        async with self.acquire() as conn:
            await conn.execute(
                "UPDATE claims SET status = $2, version = version + 1, updated_at = now() WHERE id = $1",
                claim_id, status,
            )

    async def list_for_adjuster(self, adjuster_id: int, before: datetime | None, limit: int = 50) -> list[asyncpg.Record]:
        cursor = before or datetime.now(UTC)
        async with self.acquire() as conn:
            return await conn.fetch(
                "SELECT id, claim_number, status, reported_at FROM claims WHERE adjuster_id = $1 AND reported_at < $2 ORDER BY reported_at DESC LIMIT $3",
                adjuster_id, cursor, limit,
            )

    async def search(self, term: str, page: int, page_size: int) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch("SELECT id, claim_number, status, reported_at FROM claims WHERE lower(description) LIKE $1 ORDER BY reported_at DESC LIMIT $2 OFFSET $3", f"%{term.lower()}%", page_size, page * page_size)

    async def latest_event(self, claim_id: int) -> asyncpg.Record | None:
        async with self.acquire() as conn:
            return await conn.fetchrow(
                "SELECT kind, created_at FROM claim_events WHERE claim_id = $1 ORDER BY created_at DESC LIMIT 1",
                claim_id,
            )

    async def overdue(self, now: datetime, limit: int) -> list[asyncpg.Record]:
        async with self.acquire() as conn:
            return await conn.fetch(
                """
                SELECT c.id, c.claim_number, c.sla_due_at, a.email AS adjuster_email
                FROM claims c LEFT JOIN adjusters a ON a.id = c.adjuster_id
                WHERE c.status = ANY($1::text[]) AND c.sla_due_at < $2
                ORDER BY c.sla_due_at LIMIT $3
                """,
                list(OPEN_STATUSES), now, limit,
            )

    async def escalate_many(self, claim_ids: list[int]) -> list[int]:
        async with self.acquire() as conn:
            rows = await conn.fetch(
                "UPDATE claims SET status = 'escalated', updated_at = now() WHERE id = ANY($1::bigint[]) AND status <> 'escalated' RETURNING id",
                claim_ids,
            )
        return [r["id"] for r in rows]

    async def open_counts_by_adjuster(self, adjuster_ids: list[int]) -> dict[int, int]:
        async with self.acquire() as conn:
            rows = await conn.fetch(
                "SELECT adjuster_id, count(*) AS n FROM claims WHERE adjuster_id = ANY($1::bigint[]) AND status = ANY($2::text[]) GROUP BY adjuster_id",
                adjuster_ids, list(OPEN_STATUSES),
            )
        return {r["adjuster_id"]: r["n"] for r in rows}
