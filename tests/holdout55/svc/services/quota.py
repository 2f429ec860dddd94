"""Per-org concurrency limits."""
from __future__ import annotations

import json
from typing import Any

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import get_settings
from svc.repositories.misc import OrgRepository

LIMIT_KEY = "ci:quota:limit:{org_id}"
SUMMARY_KEY = "ci:org:summary:{org_id}"


class QuotaService:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._default = get_settings().default_org_concurrency

    async def limit_for(self, session: AsyncSession, org_id: int) -> int:
        key = LIMIT_KEY.format(org_id=org_id)
        cached = await self._redis.get(key)
        if cached is not None:
            return int(cached)
        org = await OrgRepository(session).get(org_id)
        limit = org.max_concurrency if org else self._default
        await self._redis.set(key, limit)
        return limit

    async def org_summary(self, session: AsyncSession, org_id: int) -> dict[str, Any] | None:
        key = SUMMARY_KEY.format(org_id=org_id)
        cached = await self._redis.get(key)
        if cached is not None:
            return json.loads(cached)
        org = await OrgRepository(session).get(org_id)
        if org is None:
            return None
        summary = {"id": org.id, "slug": org.slug, "name": org.name, "max_concurrency": org.max_concurrency}
        await self._redis.set(key, json.dumps(summary), ex=60)
        return summary

    async def set_limit(self, session: AsyncSession, org_id: int, limit: int) -> None:
        await OrgRepository(session).set_concurrency(org_id, limit)
        await session.commit()
        await self._redis.delete(SUMMARY_KEY.format(org_id=org_id))
