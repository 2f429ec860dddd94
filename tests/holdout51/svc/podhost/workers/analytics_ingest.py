"""Download event ingestion: buffers events from the download endpoint and writes them in batches."""
from __future__ import annotations

import asyncio
import logging

import asyncpg
from prometheus_client import Counter, Gauge

from podhost.clients.geo import GeoClient
from podhost.repositories.analytics_repo import AnalyticsRepository
from podhost.utils.dedupe import DownloadEvent, dedupe_batch, is_countable

log = logging.getLogger(__name__)

INGESTED = Counter("podhost_downloads_ingested_total", "Download events written")
FILTERED = Counter("podhost_downloads_filtered_total", "Download events not countable")
BUFFER = Gauge("podhost_ingest_buffer", "Events waiting to be written")


class DownloadIngestor:
    def __init__(self, repo: AnalyticsRepository, geo: GeoClient, batch_size: int = 500) -> None:
        self._repo = repo
        self._geo = geo
        self._batch_size = batch_size
        self._queue: asyncio.Queue[DownloadEvent] = asyncio.Queue()
        self._geo_slots = asyncio.Semaphore(32)

    def submit(self, event: DownloadEvent) -> None:
        self._queue.put_nowait(event)
        BUFFER.set(self._queue.qsize())

    def depth(self) -> int:
        return self._queue.qsize()

    async def _locate(self, event: DownloadEvent) -> None:
        async with self._geo_slots:
            try:
                event.country = await self._geo.country(event.ip)
            except Exception as exc:
                log.debug("geo lookup failed for %s: %s", event.ip_hash, exc)

    async def _collect(self) -> list[DownloadEvent]:
        batch = [await self._queue.get()]
        deadline = asyncio.get_running_loop().time() + 1.0
        while len(batch) < self._batch_size:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                break
            try:
                batch.append(await asyncio.wait_for(self._queue.get(), timeout=remaining))
            except asyncio.TimeoutError:
                break
        return batch

    async def run(self) -> None:
        while True:
            batch = await self._collect()
            countable = [e for e in batch if is_countable(e)]
            FILTERED.inc(len(batch) - len(countable))
            unique = dedupe_batch(countable)
            await asyncio.gather(*(self._locate(e) for e in unique))
            try:
                await self._repo.insert_batch(unique)
            except asyncpg.PostgresError:
                log.exception("dropping %d download events after insert failure", len(unique))
                continue
            INGESTED.inc(len(unique))
            BUFFER.set(self._queue.qsize())
