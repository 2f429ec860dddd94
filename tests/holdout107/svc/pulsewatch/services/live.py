from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from pulsewatch.db.redis import live_channel, page_channel

log = structlog.get_logger(__name__)


class LivePublisher:
    """Publishes live status events; websocket hubs on every replica relay them."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def _publish(self, channel: str, event: dict[str, Any]) -> None:
        try:
            await self._redis.publish(channel, json.dumps(event, default=str))
        except RedisError:
            log.warning("live.publish_failed", channel=channel, event_type=event.get("type"), exc_info=True)

    async def publish_monitor_status(self, org_id: UUID, monitor_id: UUID, status: str, latency_ms: int | None) -> None:
        await self._publish(
            live_channel(str(org_id)),
            {"type": "monitor.status", "monitor_id": str(monitor_id), "status": status, "latency_ms": latency_ms},
        )

    async def publish_incident(self, org_id: UUID, incident: dict[str, Any]) -> None:
        await self._publish(live_channel(str(org_id)), {"type": "incident", "incident": incident})

    async def publish_page_update(self, page_id: UUID, payload: dict[str, Any] | None = None) -> None:
        await self._publish(page_channel(str(page_id)), {"type": "page.update", **(payload or {})})
