"""Consumes document edits from a redis list until shut down."""
from __future__ import annotations

import asyncio
import json
import logging

import httpx
import redis.asyncio as redis

from .clients import DocumentStore

log = logging.getLogger(__name__)


class EditConsumer:
    def __init__(self, client: redis.Redis, store: DocumentStore) -> None:
        self._redis = client
        self._store = store
        self._stop = asyncio.Event()

    async def apply(self, edit: dict) -> None:
        try:
            await self._store.save(edit["id"], edit["body"])  # expect: no-retry
        except httpx.HTTPError as exc:
            log.warning("edit %s not saved: %s", edit["id"], exc)

    async def run(self) -> None:
        delay = 1.0
        while not self._stop.is_set():
            try:
                popped = await self._redis.blpop("edits", timeout=1)
                if popped:
                    await self.apply(json.loads(popped[1]))
                delay = 1.0
            except Exception:
                log.exception("edit consumer failed")
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
