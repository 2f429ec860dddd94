from __future__ import annotations

import json
import logging

import redis.asyncio as redis

from fleetwise.utils.timeutil import utcnow

log = logging.getLogger(__name__)

AUDIT_STREAM = "fw:audit"


class AuditLog:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def record(self, action: str, actor: str, **details: object) -> None:
        entry = {"action": action, "actor": actor, "at": utcnow().isoformat(), "details": json.dumps(details, default=str)}
        await self._redis.xadd(AUDIT_STREAM, entry, maxlen=100_000, approximate=True)
