from __future__ import annotations

import asyncpg


class OutboxRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def enqueue(self, conn: asyncpg.Connection | None, kind: str, recipient: str, subject: str, body: str) -> None:
        executor = conn or self.pool
        await executor.execute(
            "INSERT INTO email_outbox (kind, recipient, subject, body, status, created_at) "
            "VALUES ($1, $2, $3, $4, 'queued', now())",
            kind, recipient, subject, body,
        )

    async def claim_batch(self, limit: int = 50) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                return await conn.fetch(
                    """
                    UPDATE email_outbox SET status = 'sending', claimed_at = now(), attempts = attempts + 1
                    WHERE id IN (
                        SELECT id FROM email_outbox WHERE status = 'queued'
                        ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED
                    )
                    RETURNING *
                    """,
                    limit,
                )

    async def mark_sent(self, ids: list[int]) -> None:
        await self.pool.execute("UPDATE email_outbox SET status = 'sent' WHERE id = ANY($1::int[])", ids)

    async def release(self, outbox_id: int, give_up: bool) -> None:
        await self.pool.execute(
            "UPDATE email_outbox SET status = $2, claimed_at = NULL WHERE id = $1",
            outbox_id, "failed" if give_up else "queued",
        )


class ExportRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def create(self, conference_id: int) -> int:
        return await self.pool.fetchval(
            "INSERT INTO export_jobs (conference_id, status, created_at) VALUES ($1, 'queued', now()) RETURNING id",
            conference_id,
        )

    async def claim_next(self) -> asyncpg.Record | None:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                return await conn.fetchrow(
                    """
                    UPDATE export_jobs SET status = 'running'
                    WHERE id = (
                        SELECT id FROM export_jobs WHERE status = 'queued'
                        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED
                    )
                    RETURNING *
                    """
                )

    async def complete(self, job_id: int, result_key: str) -> None:
        await self.pool.execute(
            "UPDATE export_jobs SET status = 'done', result_key = $2 WHERE id = $1", job_id, result_key
        )

    async def fail(self, job_id: int) -> None:
        await self.pool.execute("UPDATE export_jobs SET status = 'failed' WHERE id = $1", job_id)
