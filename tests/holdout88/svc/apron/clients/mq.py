"""Redis-streams consumer for the airline ops message queue (the feed is bridged into a stream)."""
from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import ResponseError

log = logging.getLogger(__name__)


class StreamConsumer:
    def __init__(self, redis: Redis, stream: str, group: str, consumer: str) -> None:
        self._redis = redis
        self._stream = stream
        self._group = group
        self._consumer = consumer

    async def ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(self._stream, self._group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def messages(self, batch: int = 100) -> AsyncIterator[tuple[str, dict[str, Any]]]:
        # Start with whatever this consumer left unacknowledged before it last stopped, then new entries.
        cursor = "0"
        while True:
            resp = await self._redis.xreadgroup(
                self._group, self._consumer, {self._stream: cursor}, count=batch, block=5000
            )
            entries = [entry for _stream, stream_entries in resp or [] for entry in stream_entries]
            if cursor != ">":
                if not entries:
                    cursor = ">"
                    continue
                cursor = entries[-1][0]
            for message_id, fields in entries:
                yield message_id, fields

    async def ack(self, message_id: str) -> None:
        await self._redis.xack(self._stream, self._group, message_id)

    @staticmethod
    def decode(fields: dict[str, Any]) -> dict[str, Any]:
        return json.loads(fields["body"])
