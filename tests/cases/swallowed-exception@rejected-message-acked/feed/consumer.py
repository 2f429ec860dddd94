"""Stream consumer: parse each entry, apply it, acknowledge it."""
from __future__ import annotations

import logging
from typing import Any

from feed.errors import InvalidMessage, UnknownWard

logger = logging.getLogger(__name__)


def parse(raw: str) -> dict[str, str]:
    if "|" not in raw:
        raise InvalidMessage(raw[:20])
    kind, _, body = raw.partition("|")
    return {"kind": kind, "body": body}


class Consumer:
    def __init__(self, redis: Any, stream: str, group: str) -> None:
        self._redis = redis
        self._stream = stream
        self._group = group

    async def process(self, entry_id: str, fields: dict[str, str]) -> None:
        try:
            message = parse(fields["raw"])
        except InvalidMessage:  # expect: swallowed-exception
            await self._redis.xack(self._stream, self._group, entry_id)
            return
        await self._apply(message)
        await self._redis.xack(self._stream, self._group, entry_id)

    async def process_parked(self, entry_id: str, fields: dict[str, str]) -> None:
        try:
            message = parse(fields["raw"])
        except InvalidMessage:
            await self._redis.xadd(f"{self._stream}:dead", fields)
            await self._redis.xack(self._stream, self._group, entry_id)
            return
        await self._apply(message)

    async def process_logged(self, entry_id: str, fields: dict[str, str]) -> None:
        try:
            message = parse(fields["raw"])
        except InvalidMessage:
            logger.warning("entry %s unparseable, dropped", entry_id)
            await self._redis.xack(self._stream, self._group, entry_id)
            return
        await self._apply(message)

    async def process_explained(self, entry_id: str, fields: dict[str, str]) -> None:
        try:
            message = parse(fields["raw"])
        except InvalidMessage:
            # heartbeats from the feed are not HL7 and carry nothing: drop them
            await self._redis.xack(self._stream, self._group, entry_id)
            return
        await self._apply(message)

    async def _apply(self, message: dict[str, str]) -> None:
        if message["kind"] == "A01" and not message["body"]:
            raise UnknownWard(message["kind"])
        await self._redis.hset("census", message["kind"], message["body"])
