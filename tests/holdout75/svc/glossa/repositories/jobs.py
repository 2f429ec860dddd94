"""Export jobs (ORM) and webhook endpoints/deliveries (asyncpg)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

import asyncpg
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from glossa.db.models import ExportJob
from glossa.db.pg import connection
from glossa.repositories import BaseRepository


class ExportJobRepository(BaseRepository[ExportJob]):
    model = ExportJob

    async def create(self, session: AsyncSession, project_id: int, fmt: str, locales: list[str], user_id: int) -> ExportJob:
        return await self.add(
            session, ExportJob(project_id=project_id, format=fmt, locales=locales, requested_by=user_id, status="queued")
        )

    async def next_queued(self, session: AsyncSession, limit: int) -> list[ExportJob]:
        stmt = select(ExportJob).where(ExportJob.status == "queued").order_by(ExportJob.created_at).limit(limit)
        return list(await session.scalars(stmt))

    async def finish(self, session: AsyncSession, job_id: int, status: str, *, artifact_key: str | None = None, error: str | None = None) -> None:
        await session.execute(
            update(ExportJob)
            .where(ExportJob.id == job_id)
            .values(status=status, artifact_key=artifact_key, error=error, finished_at=datetime.now(timezone.utc))
        )


class WebhookRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create_endpoint(self, project_id: int, url: str, secret: str, events: list[str]) -> int:
        async with connection(self._pool) as conn:
            return await conn.fetchval(
                "INSERT INTO webhook_endpoints (project_id, url, secret, events) VALUES ($1, $2, $3, $4) RETURNING id",
                project_id, url, secret, events,
            )

    async def delete_endpoint(self, project_id: int, endpoint_id: int) -> bool:
        async with connection(self._pool) as conn:
            status = await conn.execute(
                "DELETE FROM webhook_endpoints WHERE id = $1 AND project_id = $2", endpoint_id, project_id
            )
        return status.endswith(" 1")

    async def endpoint(self, endpoint_id: int) -> asyncpg.Record | None:
        async with connection(self._pool) as conn:
            return await conn.fetchrow("SELECT id, project_id, url, secret FROM webhook_endpoints WHERE id = $1", endpoint_id)

    async def active_endpoints(self, project_id: int, event: str) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT id, url, secret FROM webhook_endpoints WHERE project_id = $1 AND active AND $2 = ANY(events)",
                project_id, event,
            )

    async def create_deliveries(self, rows: Sequence[tuple[int, str, dict]]) -> list[int]:
        async with connection(self._pool) as conn:
            records = await conn.fetch(
                """
                INSERT INTO webhook_deliveries (endpoint_id, event, payload)
                SELECT * FROM unnest($1::int[], $2::text[], $3::jsonb[])
                RETURNING id
                """,
                [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
            )
        return [r["id"] for r in records]

    async def claim_due(self, limit: int) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                """
                WITH due AS (
                    SELECT id FROM webhook_deliveries
                    WHERE state = 'pending' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at
                    LIMIT $1
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE webhook_deliveries d
                SET state = 'sending', attempts = d.attempts + 1, updated_at = now()
                FROM due, webhook_endpoints e
                WHERE d.id = due.id AND e.id = d.endpoint_id
                RETURNING d.id, d.event, d.payload, d.attempts, e.url, e.secret
                """,
                limit,
            )

    async def claim_one(self, delivery_id: int) -> asyncpg.Record | None:
        async with connection(self._pool) as conn:
            return await conn.fetchrow(
                """
                UPDATE webhook_deliveries d
                SET state = 'sending', attempts = d.attempts + 1, updated_at = now()
                FROM webhook_endpoints e
                WHERE d.id = $1 AND d.state = 'pending' AND e.id = d.endpoint_id
                RETURNING d.id, d.event, d.payload, d.attempts, e.url, e.secret
                """,
                delivery_id,
            )

    async def mark_delivered(self, delivery_id: int, status: int) -> None:
        async with connection(self._pool) as conn:
            await conn.execute(
                "UPDATE webhook_deliveries SET state = 'delivered', last_status = $2, updated_at = now() WHERE id = $1",
                delivery_id, status,
            )

    async def schedule_retry(self, delivery_id: int, status: int | None, delay_seconds: int, dead: bool) -> None:
        async with connection(self._pool) as conn:
            await conn.execute(
                """
                UPDATE webhook_deliveries
                SET state = CASE WHEN $4 THEN 'dead' ELSE 'pending' END,
                    last_status = $2,
                    next_attempt_at = now() + make_interval(secs => $3),
                    updated_at = now()
                WHERE id = $1
                """,
                delivery_id, status, delay_seconds, dead,
            )

    async def reap_stale(self, older_than_seconds: int) -> int:
        """Deliveries left in 'sending' by a worker that died mid-request go back to the queue."""
        async with connection(self._pool) as conn:
            status = await conn.execute(
                """
                UPDATE webhook_deliveries SET state = 'pending', updated_at = now()
                WHERE state = 'sending' AND updated_at < now() - make_interval(secs => $1)
                """,
                older_than_seconds,
            )
        return int(status.split()[-1])
