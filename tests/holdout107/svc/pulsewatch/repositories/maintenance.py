from __future__ import annotations

from datetime import datetime
from typing import Iterable, Optional
from uuid import UUID

import asyncpg


class MaintenanceRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(
        self,
        org_id: UUID,
        page_id: Optional[UUID],
        title: str,
        monitor_ids: list[UUID],
        starts_at: datetime,
        ends_at: datetime,
    ) -> asyncpg.Record:
        return await self._pool.fetchrow(
            """
            INSERT INTO maintenance_windows (org_id, page_id, title, monitor_ids, starts_at, ends_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING *
            """,
            org_id,
            page_id,
            title,
            monitor_ids,
            starts_at,
            ends_at,
        )

    async def list_for_org(self, org_id: UUID, limit: int = 50) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT * FROM maintenance_windows WHERE org_id = $1 ORDER BY starts_at DESC LIMIT $2", org_id, limit
        )

    async def due_to_start(self, now: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            """
            SELECT * FROM maintenance_windows
             WHERE status = 'scheduled' AND starts_at <= $1
             ORDER BY starts_at
             LIMIT 200
            """,
            now,
        )

    async def claim_due_to_end(self, now: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                return await conn.fetch(
                    """
                    UPDATE maintenance_windows w
                       SET status = 'completed'
                      FROM (
                        SELECT id FROM maintenance_windows
                         WHERE status = 'in_progress' AND ends_at <= $1
                         LIMIT 200
                         FOR UPDATE SKIP LOCKED
                      ) due
                     WHERE w.id = due.id
                    RETURNING w.*
                    """,
                    now,
                )

    async def set_status(self, window_id: UUID, status: str) -> None:
        await self._pool.execute("UPDATE maintenance_windows SET status = $2 WHERE id = $1", window_id, status)

    async def active_for_monitors(self, monitor_ids: Iterable[UUID], at: datetime) -> set[UUID]:
        rows = await self._pool.fetch(
            """
            SELECT DISTINCT unnest(monitor_ids) AS monitor_id
              FROM maintenance_windows
             WHERE status = 'in_progress' AND starts_at <= $2 AND ends_at > $2
               AND monitor_ids && $1::uuid[]
            """,
            list(monitor_ids),
            at,
        )
        return {row["monitor_id"] for row in rows}

    async def windows_overlapping(self, monitor_id: UUID, start: datetime, end: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            """
            SELECT starts_at, ends_at FROM maintenance_windows
             WHERE org_id = (SELECT org_id FROM monitors WHERE id = $1)
               AND $1 = ANY(monitor_ids) AND starts_at < $3 AND ends_at > $2
               AND status <> 'cancelled'
            """,
            monitor_id,
            start,
            end,
        )
