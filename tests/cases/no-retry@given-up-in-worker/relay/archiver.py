"""Archives documents taken off a queue; a failed archive goes back on the queue."""
from __future__ import annotations

import asyncio
import json
import logging

import httpx
import redis.asyncio as redis

from .clients import DocumentStore

log = logging.getLogger(__name__)


class Archiver:
    def __init__(self, client: redis.Redis, store: DocumentStore) -> None:
        self._redis = client
        self._store = store

    async def archive_one(self, item: dict) -> None:
        try:
            await self._store.archive(item["id"], item["body"])
        except httpx.HTTPError:
            log.warning("archive of %s failed; queued again", item["id"])
            await self._redis.rpush("archive", json.dumps(item))

    async def run(self) -> None:
        while True:
            popped = await self._redis.blpop("archive", timeout=5)
            if popped:
                await self.archive_one(json.loads(popped[1]))
            else:
                await asyncio.sleep(1)
