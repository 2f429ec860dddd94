from __future__ import annotations

import json

import redis.asyncio as aioredis

from portops.utils.timeutil import utcnow

AUDIT_STREAM = "portops:audit"


class AuditLog:
    """Append-only operational audit trail kept in a capped redis stream."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    async def record(self, action: str, **fields: object) -> str:
        entry = {"action": action, "at": utcnow().isoformat(), "data": json.dumps(fields, default=str)}
        return await self._redis.xadd(AUDIT_STREAM, entry, maxlen=200_000, approximate=True)
