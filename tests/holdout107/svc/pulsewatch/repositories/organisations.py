from __future__ import annotations

from typing import Any, Optional
from uuid import UUID

import asyncpg


class OrganisationRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, org_id: UUID) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow("SELECT * FROM organisations WHERE id = $1", org_id)

    async def get_by_slug(self, slug: str) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow("SELECT * FROM organisations WHERE slug = $1", slug)

    async def create(self, name: str, slug: str, plan: str = "free") -> asyncpg.Record:
        return await self._pool.fetchrow(
            """
            INSERT INTO organisations (name, slug, plan)
            VALUES ($1, $2, $3)
            RETURNING *
            """,
            name,
            slug,
            plan,
        )

    async def monitor_limit(self, org_id: UUID) -> int:
        value = await self._pool.fetchval("SELECT monitor_limit FROM organisations WHERE id = $1", org_id)
        return int(value or 0)

    async def sms_quota(self, org_id: UUID) -> int:
        value = await self._pool.fetchval("SELECT sms_quota FROM organisations WHERE id = $1", org_id)
        return int(value or 0)

    async def consume_sms_credit(self, org_id: UUID) -> Optional[int]:
        return await self._pool.fetchval(
            """
            UPDATE organisations
               SET sms_credits = sms_credits - 1
             WHERE id = $1 AND sms_credits >= 1
            RETURNING sms_credits
            """,
            org_id,
        )

    async def add_sms_credits(self, org_id: UUID, amount: int) -> int:
        return await self._pool.fetchval(
            "UPDATE organisations SET sms_credits = sms_credits + $2 WHERE id = $1 RETURNING sms_credits",
            org_id,
            amount,
        )

    async def set_plan(self, org_id: UUID, plan: str, monitor_limit: int, sms_quota: int) -> None:
        await self._pool.execute(
            "UPDATE organisations SET plan = $2, monitor_limit = $3, sms_quota = $4 WHERE id = $1",
            org_id,
            plan,
            monitor_limit,
            sms_quota,
        )


class AuditRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert(
        self, org_id: UUID, actor_id: Optional[UUID], action: str, target: Optional[str], payload: dict[str, Any]
    ) -> None:
        await self._pool.execute(
            "INSERT INTO audit_events (org_id, actor_id, action, target, payload) VALUES ($1, $2, $3, $4, $5)",
            org_id,
            actor_id,
            action,
            target,
            payload,
        )

    async def list_for_org(self, org_id: UUID, limit: int = 100) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            """
            SELECT id, actor_id, action, target, payload, created_at
              FROM audit_events
             WHERE org_id = $1
             ORDER BY created_at DESC
             LIMIT $2
            """,
            org_id,
            limit,
        )
