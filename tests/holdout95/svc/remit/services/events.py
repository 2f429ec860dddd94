"""Transfer status events (fanned out to every replica through Redis pub/sub) and the append-only audit trail."""
from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime, timezone
from typing import Any

import asyncpg
from redis.asyncio import Redis

TRACKING_CHANNEL = "remit:transfer-events"
OPS_CHANNEL = "remit:ops-events"


class TransferEvents:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def publish(self, transfer_id: uuid.UUID, status: str, **extra: Any) -> None:
        message = {"transfer_id": str(transfer_id), "status": status, **extra}
        await self._redis.publish(TRACKING_CHANNEL, json.dumps(message, default=str))

    async def publish_ops(self, kind: str, payload: dict[str, Any]) -> None:
        await self._redis.publish(OPS_CHANNEL, json.dumps({"kind": kind, **payload}, default=str))


audit_log = logging.getLogger("remit.audit")


class AuditLog:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, actor: str, action: str, subject: str, **details: Any) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "INSERT INTO audit_log (at, actor, action, subject, details) VALUES ($1, $2, $3, $4, $5::jsonb)",
                datetime.now(timezone.utc), actor, action, subject, json.dumps(details, default=str),
            )
        audit_log.info("audit %s %s %s", actor, action, subject)
