"""Stream consumers that turn raw messages into usage records."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from redis.asyncio import Redis

from ingest.store import UsageStore

logger = logging.getLogger(__name__)


def _parse(raw: bytes) -> dict[str, Any]:
    data = json.loads(raw)
    return {"tenant_id": int(data["tenant"]), "meter": data["meter"], "quantity": float(data["qty"])}


class UsageConsumer:
    def __init__(self, redis: Redis, store: UsageStore) -> None:
        self._redis = redis
        self._store = store

    async def run(self) -> None:
        while True:
            entries = await self._redis.xread({"usage": "$"}, block=5000, count=100)
            for _stream, messages in entries:
                for _id, fields in messages:
                    try:
                        record = _parse(fields[b"body"])
                    except (ValueError, KeyError):  # expect: swallowed-exception
                        continue
                    await self._store.add(record)


class AuditConsumer:
    def __init__(self, redis: Redis, store: UsageStore) -> None:
        self._redis = redis
        self._store = store

    async def run(self) -> None:
        while True:
            entries = await self._redis.xread({"audit": "$"}, block=5000, count=100)
            for _stream, messages in entries:
                for _id, fields in messages:
                    try:
                        record = _parse(fields[b"body"])
                    except (ValueError, KeyError) as exc:
                        logger.warning("dropping malformed audit message %s: %s", _id, exc)
                        continue
                    await self._store.add(record)


class LimitsWatcher:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self.limits: dict[str, int] = {}

    async def run(self) -> None:
        while True:
            raw = await self._redis.hgetall("limits")
            for key, value in raw.items():
                try:
                    self.limits[key.decode()] = int(value)
                except ValueError:
                    continue
            await asyncio.sleep(30)
