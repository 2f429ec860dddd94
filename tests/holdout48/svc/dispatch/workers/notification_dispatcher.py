"""Consumes the `notifications` Redis stream written by other services (billing, support tools)."""
from __future__ import annotations

import json
import logging

from redis.asyncio import Redis

from dispatch.services.notifications import Notifier

logger = logging.getLogger(__name__)

STREAM = "notifications"
GROUP = "dispatch"


class NotificationDispatcher:
    def __init__(self, redis: Redis, notifier: Notifier, consumer: str) -> None:
        self._redis = redis
        self._notifier = notifier
        self._consumer = consumer

    async def ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
        except Exception as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def run(self) -> None:
        await self.ensure_group()
        while True:
            try:
                entries = await self._redis.xreadgroup(GROUP, self._consumer, {STREAM: ">"}, count=100, block=1000)
            except Exception:
                logger.exception("notification stream read failed")
                continue
            for _stream, messages in entries or []:
                for message_id, fields in messages:
                    await self._handle(message_id, fields)

    async def _handle(self, message_id: str, fields: dict[str, str]) -> None:
        try:
            payload = json.loads(fields["payload"])
            token, title, body = payload["push_token"], payload["title"], payload["body"]
        except (KeyError, ValueError) as exc:
            logger.warning("malformed notification %s moved to dead letter: %r", message_id, exc)
            await self._redis.xadd(f"{STREAM}:dead", {"id": message_id, **fields}, maxlen=10_000)
            await self._redis.xack(STREAM, GROUP, message_id)
            return
        delivered = await self._notifier._deliver(token, payload.get("phone"), title, body)
        if delivered:
            await self._redis.xack(STREAM, GROUP, message_id)
        else:
            logger.warning("notification %s not delivered; leaving pending for retry", message_id)
