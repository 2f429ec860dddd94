from __future__ import annotations

from typing import Iterable, Optional
from uuid import UUID

import asyncpg


class AlertRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get_channel(self, channel_id: UUID) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(
            "SELECT id, org_id, kind, target, config FROM alert_channels WHERE id = $1", channel_id
        )

    async def get_channels(self, channel_ids: Iterable[UUID]) -> list[asyncpg.Record]:
        ids = list(channel_ids)
        if not ids:
            return []
        return await self._pool.fetch(
            "SELECT id, org_id, kind, target, config FROM alert_channels WHERE id = ANY($1::uuid[])", ids
        )

    async def channels_for_org(self, org_id: UUID) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, org_id, kind, target, config FROM alert_channels WHERE org_id = $1 ORDER BY created_at",
            org_id,
        )

    async def get_policy(self, policy_id: UUID) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(
            "SELECT id, org_id, name, steps, repeat_count FROM escalation_policies WHERE id = $1", policy_id
        )

    async def get_policies(self, policy_ids: Iterable[UUID]) -> dict[UUID, asyncpg.Record]:
        ids = list(set(policy_ids))
        if not ids:
            return {}
        rows = await self._pool.fetch(
            "SELECT id, org_id, name, steps, repeat_count FROM escalation_policies WHERE id = ANY($1::uuid[])", ids
        )
        return {row["id"]: row for row in rows}

    async def record_delivery(
        self, channel_id: UUID, incident_id: UUID, step: int, status: str, error: Optional[str] = None
    ) -> None:
        await self._pool.execute(
            """
            INSERT INTO alert_deliveries (channel_id, incident_id, step, status, error)
            VALUES ($1, $2, $3, $4, $5)
            """,
            channel_id,
            incident_id,
            step,
            status,
            error,
        )

    async def deliveries_for_incident(self, incident_id: UUID) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            """
            SELECT channel_id, step, status, error, created_at
              FROM alert_deliveries
             WHERE incident_id = $1
             ORDER BY created_at
            """,
            incident_id,
        )

    async def recent_for_channel(self, channel_id: UUID, limit: int = 50) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            """
            SELECT incident_id, step, status, error, created_at
              FROM alert_deliveries
             WHERE channel_id = $1
             ORDER BY created_at DESC
             LIMIT $2
            """,
            channel_id,
            limit,
        )
