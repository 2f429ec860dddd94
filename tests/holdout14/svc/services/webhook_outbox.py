"""Transactional outbox for customer webhooks."""
from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from svc.db.pool import Database

logger = logging.getLogger(__name__)


class WebhookOutbox:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def enqueue(self, tenant_id: int, event_type: str, data: dict[str, Any]) -> str:
        event_id = uuid.uuid4().hex
        payload = json.dumps({"id": event_id, "type": event_type, "data": data})
        async with self._db.connection() as conn:
            await conn.execute(
                "INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload, status) "
                "SELECT id, $2, $3, $4::jsonb, 'pending' FROM webhook_endpoints WHERE tenant_id = $1 AND active",
                tenant_id,
                event_id,
                event_type,
                payload,
            )
        return event_id

    async def deliveries_for_event(self, event_id: str) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, endpoint_id, status, attempts FROM webhook_deliveries WHERE event_id = $1",
                event_id,
            )
        return [dict(row) for row in rows]

    async def claim_due(self, limit: int = 100) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            async with conn.transaction():
                rows = await conn.fetch(
                    "UPDATE webhook_deliveries d SET status = 'sending', attempts = attempts + 1 "
                    "FROM webhook_endpoints e WHERE d.id IN ("
                    "  SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now() "
                    "  ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED"
                    ") AND e.id = d.endpoint_id RETURNING d.id, d.payload, d.attempts, e.url, e.secret",
                    limit,
                )
        return [dict(row) for row in rows]

    async def settle(self, delivery_id: int, delivered: bool, attempts: int, max_attempts: int) -> None:
        if delivered:
            status = "delivered"
        elif attempts >= max_attempts:
            status = "failed"
        else:
            status = "pending"
        async with self._db.connection() as conn:
            await conn.execute(
                "UPDATE webhook_deliveries SET status = $2, "
                "next_attempt_at = now() + make_interval(secs => power(2, attempts) * 30) WHERE id = $1",
                delivery_id,
                status,
            )
