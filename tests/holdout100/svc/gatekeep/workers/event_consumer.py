from __future__ import annotations

import logging
import socket
import time
from collections import deque

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from ..services.ingestion import IngestionService
from ..settings import Settings

log = logging.getLogger(__name__)


class EventStreamConsumer:
    """Reads controller events that the edge gateways append to a Redis stream."""

    def __init__(self, redis: Redis, ingestion: IngestionService, settings: Settings, name: str | None = None) -> None:
        self._redis = redis
        self._ingestion = ingestion
        self._stream = settings.event_stream
        self._group = settings.event_group
        self._name = name or socket.gethostname()
        self._seen: set[str] = set()
        self._batch_ms: deque[float] = deque(maxlen=1000)

    async def ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(self._stream, self._group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def run(self) -> None:
        await self.ensure_group()
        while True:
            entries = await self._redis.xreadgroup(
                self._group, self._name, {self._stream: ">"}, count=500, block=5000
            )
            for _stream, messages in entries or []:
                started = time.perf_counter()
                records: list[dict] = []
                ids: list[str] = []
                for msg_id, fields in messages:
                    ids.append(msg_id)
                    dedupe_key = f"{fields.get('serial')}:{fields.get('seq')}"
                    if dedupe_key in self._seen:
                        continue
                    self._seen.add(dedupe_key)
                    records.append(dict(fields))
                await self._ingestion.ingest(records, source="stream")
                await self._redis.xack(self._stream, self._group, *ids)
                self._batch_ms.append((time.perf_counter() - started) * 1000)

    def p95_batch_ms(self) -> float:
        if not self._batch_ms:
            return 0.0
        ordered = sorted(self._batch_ms)
        return ordered[int(len(ordered) * 0.95) - 1]
