from __future__ import annotations

import json

from redis.asyncio import Redis

from ..utils.timeutil import utcnow

AUDIT_STREAM = "gatekeep:audit"


class AuditLog:
    """Security audit trail. Shipped to the SIEM by a separate forwarder reading the stream."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def record(self, actor: str, action: str, subject: str, **details: object) -> None:
        entry = {
            "ts": utcnow().isoformat(),
            "actor": actor,
            "action": action,
            "subject": subject,
            "details": json.dumps(details, default=str),
        }
        await self._redis.xadd(AUDIT_STREAM, entry, maxlen=500_000, approximate=True)
