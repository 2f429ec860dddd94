from __future__ import annotations

import json
import logging
import time

import redis.asyncio as aioredis

logger = logging.getLogger(__name__)

AUDIT_STREAM = "seqcore:audit"


class AuditLog:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    async def record(self, event: str, **fields: object) -> None:
        entry = {"event": event, "ts": f"{time.time():.3f}", "data": json.dumps(fields, default=str)}
        await self._redis.xadd(AUDIT_STREAM, entry, maxlen=200_000, approximate=True)
