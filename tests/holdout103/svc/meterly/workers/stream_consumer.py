from __future__ import annotations

import json
import logging
import os
import socket

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from ..services.metering import MeteringService

logger = logging.getLogger(__name__)


class UsageStreamConsumer:
    """Reads metering events gateway nodes XADD to the usage stream (consumer group, at-least-once)."""

    def __init__(self, redis: Redis, metering: MeteringService, stream: str, group: str) -> None:
        self._redis = redis
        self._metering = metering
        self._stream = stream
        self._group = group
        self._consumer = f"{socket.gethostname()}-{os.getpid()}"
        self._stopping = False

    def stop(self) -> None:
        self._stopping = True

    async def _ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(self._stream, self._group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def run(self) -> None:
        await self._ensure_group()
        while not self._stopping:
            entries = await self._redis.xreadgroup(
                self._group, self._consumer, {self._stream: ">"}, count=500, block=5000
            )
            for _stream, messages in entries or []:
                await self._handle(messages)

    async def _handle(self, messages: list[tuple[bytes, dict[bytes, bytes]]]) -> None:
        events: list[dict] = []
        for _message_id, fields in messages:
            events.extend(json.loads(fields[b"events"]))
        accepted = await self._metering.ingest(events, source=f"stream:{self._consumer}")
        await self._redis.xack(self._stream, self._group, *[message_id for message_id, _ in messages])
        logger.debug("stream batch: %d messages, %d events accepted", len(messages), accepted)
