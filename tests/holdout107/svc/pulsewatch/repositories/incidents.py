from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Iterable, Optional
from uuid import UUID

import asyncpg

_INCIDENT_COLUMNS = (
    "id, org_id, monitor_id, title, status, severity, started_at, acknowledged_at, "
    "acknowledged_by, resolved_at, escalation_step, next_escalation_at"
)


class IncidentRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, incident_id: UUID) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(f"SELECT {_INCIDENT_COLUMNS} FROM incidents WHERE id = $1", incident_id)

    async def get_open_for_monitor(self, monitor_id: UUID) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(
            f"SELECT {_INCIDENT_COLUMNS} FROM incidents WHERE monitor_id = $1 AND status <> 'resolved' LIMIT 1",
            monitor_id,
        )

    async def create(
        self,
        org_id: UUID,
        monitor_id: Optional[UUID],
        title: str,
        severity: str,
        started_at: datetime,
        next_escalation_at: Optional[datetime],
    ) -> asyncpg.Record:
        return await self._pool.fetchrow(
            f"""
            INSERT INTO incidents (org_id, monitor_id, title, severity, started_at, next_escalation_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING {_INCIDENT_COLUMNS}
            """,
            org_id,
            monitor_id,
            title,
            severity,
            started_at,
            next_escalation_at,
        )

    async def list_for_org(
        self, org_id: UUID, *, limit: int = 50, before: Optional[datetime] = None
    ) -> list[asyncpg.Record]:
        if before is None:
            return await self._pool.fetch(
                f"SELECT {_INCIDENT_COLUMNS} FROM incidents WHERE org_id = $1 ORDER BY started_at DESC LIMIT $2",
                org_id,
                limit,
            )
        return await self._pool.fetch(
            f"""
            SELECT {_INCIDENT_COLUMNS} FROM incidents
             WHERE org_id = $1 AND started_at < $2
             ORDER BY started_at DESC LIMIT $3
            """,
            org_id,
            before,
            limit,
        )

    async def search(self, org_id: UUID, text: str, limit: int = 50) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            f"""
            SELECT {_INCIDENT_COLUMNS} FROM incidents
             WHERE org_id = $1 AND title ILIKE '%' || $2 || '%'
             ORDER BY started_at DESC LIMIT $3
            """,
            org_id,
            text,
            limit,
        )

    async def open_for_monitors(self, monitor_ids: Iterable[UUID]) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            f"SELECT {_INCIDENT_COLUMNS} FROM incidents WHERE monitor_id = ANY($1::uuid[]) AND status <> 'resolved'",
            list(monitor_ids),
        )

    async def list_updates(self, incident_id: UUID) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, status, body, author_id, created_at FROM incident_updates WHERE incident_id = $1 ORDER BY created_at",
            incident_id,
        )

    async def updates_for_many(self, incident_ids: Iterable[UUID]) -> dict[UUID, list[asyncpg.Record]]:
        ids = list(incident_ids)
        grouped: dict[UUID, list[asyncpg.Record]] = defaultdict(list)
        if not ids:
            return grouped
        rows = await self._pool.fetch(
            """
            SELECT incident_id, id, status, body, author_id, created_at
              FROM incident_updates
             WHERE incident_id = ANY($1::uuid[])
             ORDER BY created_at
            """,
            ids,
        )
        for row in rows:
            grouped[row["incident_id"]].append(row)
        return grouped

    async def add_update(self, incident_id: UUID, status: str, body: str, author_id: Optional[UUID]) -> asyncpg.Record:
        return await self._pool.fetchrow(
            """
            INSERT INTO incident_updates (incident_id, status, body, author_id)
            VALUES ($1, $2, $3, $4)
            RETURNING id, incident_id, status, body, author_id, created_at
            """,
            incident_id,
            status,
            body,
            author_id,
        )

    async def acknowledge(self, incident_id: UUID, user_id: UUID, at: datetime) -> Optional[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                row = await conn.fetchrow(
                    "SELECT status, acknowledged_at FROM incidents WHERE id = $1 FOR UPDATE", incident_id
                )
                if row is None or row["status"] != "open":
                    return None
                return await conn.fetchrow(
                    f"""
                    UPDATE incidents
                       SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3,
                           next_escalation_at = NULL
                     WHERE id = $1
                    RETURNING {_INCIDENT_COLUMNS}
                    """,
                    incident_id,
                    at,
                    user_id,
                )

    async def resolve(self, incident_id: UUID, at: datetime) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(
            f"""
            UPDATE incidents
               SET status = 'resolved', resolved_at = $2, next_escalation_at = NULL
             WHERE id = $1 AND status <> 'resolved'
            RETURNING {_INCIDENT_COLUMNS}
            """,
            incident_id,
            at,
        )

    async def claim_due_escalations(self, now: datetime, limit: int = 100) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                return await conn.fetch(
                    f"""
                    UPDATE incidents i
                       SET next_escalation_at = NULL
                      FROM (
                        SELECT id FROM incidents
                         WHERE status = 'open' AND next_escalation_at <= $1
                         ORDER BY next_escalation_at
                         LIMIT $2
                         FOR UPDATE SKIP LOCKED
                      ) due
                     WHERE i.id = due.id
                    RETURNING {", ".join("i." + c.strip() for c in _INCIDENT_COLUMNS.split(","))}
                    """,
                    now,
                    limit,
                )

    async def stats_for_org(self, org_id: UUID, since: datetime) -> asyncpg.Record:
        return await self._pool.fetchrow(
            """
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE status <> 'resolved') AS open,
                   avg(EXTRACT(EPOCH FROM (acknowledged_at - started_at)))
                       FILTER (WHERE acknowledged_at IS NOT NULL) AS mtta_s,
                   avg(EXTRACT(EPOCH FROM (resolved_at - started_at)))
                       FILTER (WHERE resolved_at IS NOT NULL) AS mttr_s
              FROM incidents
             WHERE org_id = $1 AND started_at >= $2
            """,
            org_id,
            since,
        )

    async def schedule_next_step(self, incident_id: UUID, step: int, at: Optional[datetime]) -> None:
        await self._pool.execute(
            "UPDATE incidents SET escalation_step = $2, next_escalation_at = $3 WHERE id = $1 AND status = 'open'",
            incident_id,
            step,
            at,
        )
