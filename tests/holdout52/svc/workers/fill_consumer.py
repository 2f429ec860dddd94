from __future__ import annotations

import asyncio
import logging
import os
import socket

from ..cache.redis_client import get_redis
from ..config import get_settings
from ..db.engine import SessionFactory
from ..schemas import GatewayEvent
from ..services import fills
from ..services.fills import UnknownOrder

log = logging.getLogger(__name__)

_HANDLERS = {
    "ack": fills.handle_ack,
    "fill": fills.handle_fill,
    "reject": fills.handle_reject,
    "cancel": fills.handle_cancel,
}


class FillConsumer:
    def __init__(self) -> None:
        settings = get_settings()
        self.stream = settings.fills_stream
        self.group = settings.fills_group
        self.consumer = f"{socket.gethostname()}-{os.getpid()}"
        self._stop = asyncio.Event()

    async def ensure_group(self) -> None:
        redis = get_redis()
        try:
            await redis.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except Exception as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def _handle(self, message_id: str, fields: dict[str, str]) -> None:
        redis = get_redis()
        event = GatewayEvent.model_validate_json(fields["event"])
        handler = _HANDLERS[event.type]
        try:
            async with SessionFactory() as session:
                await handler(session, event)
        except UnknownOrder:
            await redis.xack(self.stream, self.group, message_id)
            return
        await redis.xack(self.stream, self.group, message_id)

    async def _reclaim_stale(self) -> None:
        redis = get_redis()
        _, messages, _ = await redis.xautoclaim(self.stream, self.group, self.consumer, min_idle_time=60_000, count=50)
        for message_id, fields in messages:
            try:
                await self._handle(message_id, fields)
            except Exception:
                log.exception("reprocessing %s failed; it stays pending", message_id)

    async def run(self) -> None:
        redis = get_redis()
        await self.ensure_group()
        rounds = 0
        while not self._stop.is_set():
            response = await redis.xreadgroup(self.group, self.consumer, {self.stream: ">"}, count=100, block=5000)
            for _, messages in response or []:
                for message_id, fields in messages:
                    try:
                        await self._handle(message_id, fields)
                    except Exception as failure:
                        log.error("gateway event %s failed; left pending for retry", message_id, exc_info=failure)
            rounds += 1
            if rounds % 12 == 0:
                await self._reclaim_stale()

    def stop(self) -> None:
        self._stop.set()
