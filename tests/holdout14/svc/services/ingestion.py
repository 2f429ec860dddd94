"""Usage event ingestion: dedupe, buffer and flush to the database."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from redis.asyncio import Redis

from svc.db.usage_repo import UsageRecord, UsageRepository

logger = logging.getLogger(__name__)

_DEDUPE_TTL_S = 7 * 24 * 3600
_FLUSH_BATCH = 500


class IngestionService:
    def __init__(self, repo: UsageRepository, idempotency: Redis, pubsub: Redis) -> None:
        self._repo = repo
        self._idem = idempotency
        self._pubsub = pubsub
        self._buffer: asyncio.Queue[UsageRecord] = asyncio.Queue()

    @staticmethod
    def _key(event: UsageRecord) -> str:
        return f"usage:idem:{event.tenant_id}:{event.idempotency_key}"

    async def accept(self, events: Iterable[UsageRecord]) -> int:
        accepted = 0
        seen: list[str] = []
        for event in events:
            if event.idempotency_key in seen:
                continue
            seen.append(event.idempotency_key)
            key = self._key(event)
            if await self._idem.exists(key):
                continue
            await self._idem.set(key, "1", ex=_DEDUPE_TTL_S)
            await self._buffer.put(event)
            accepted += 1
        return accepted

    async def accept_from_stream(self, event: UsageRecord) -> bool:
        first = await self._idem.set(self._key(event), "1", nx=True, ex=_DEDUPE_TTL_S)
        if not first:
            return False
        await self._buffer.put(event)
        return True

    async def run_flusher(self) -> None:
        while True:
            batch = [await self._buffer.get()]
            while len(batch) < _FLUSH_BATCH and not self._buffer.empty():
                batch.append(self._buffer.get_nowait())
            await self._repo.insert_batch(batch)
            tenants = {event.tenant_id for event in batch}
            for tenant_id in tenants:
                self._pubsub.publish(f"usage:live:{tenant_id}", str(len(batch)))
