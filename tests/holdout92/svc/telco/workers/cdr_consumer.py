from __future__ import annotations

import asyncio
import json
import logging

from telco.container import Container
from telco.repositories.usage import CdrRow
from telco.services.cdr_parsing import parse_stream_entry

logger = logging.getLogger(__name__)

BATCH = 200


class CdrStreamConsumer:
    """Consumes CDRs published by the mediation layer onto a Redis stream."""

    def __init__(self, container: Container, consumer_name: str) -> None:
        self._container = container
        self._redis = container.redis
        self._stream = container.settings.cdr_stream
        self._group = container.settings.cdr_group
        self._name = consumer_name
        self._seen_ids: set[str] = set()
        self._inflight = asyncio.Semaphore(4)

    async def ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(self._stream, self._group, id="0", mkstream=True)
        except Exception as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def run(self) -> None:
        await self.ensure_group()
        while True:
            response = await self._redis.xreadgroup(
                self._group, self._name, {self._stream: ">"}, count=BATCH, block=2000
            )
            for _stream, entries in response or []:
                await self._handle(entries)

    async def _handle(self, entries: list[tuple[str, dict]]) -> None:
        records: list[CdrRow] = []
        for entry_id, fields in entries:
            try:
                record = parse_stream_entry(json.loads(fields["payload"]))
            except json.JSONDecodeError:
                continue
            if record.cdr_id in self._seen_ids:
                continue
            self._seen_ids.add(record.cdr_id)
            records.append(record)
        async with self._inflight:
            await self._container.usage.insert_batch(records)
            await self._container.rating.rate_batch(records)
        await self._redis.xack(self._stream, self._group, *[entry_id for entry_id, _ in entries])
