from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import redis.asyncio as aioredis

logger = logging.getLogger(__name__)

AUDIT_STREAM = "audit:events"


class AuditLog:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    async def record(self, action: str, **fields: object) -> None:
        entry = {"action": action, "at": datetime.now(timezone.utc).isoformat(), "fields": json.dumps(fields, default=str)}
        await self._redis.xadd(AUDIT_STREAM, entry, maxlen=1_000_000, approximate=True)
