"""Impression, click and conversion ingestion from the tracking endpoints."""
from __future__ import annotations

import asyncio
import functools
import logging

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import RedisError

from svc.config import Settings
from svc.db.event_repo import EventRepository
from svc.errors import InvalidEvent
from svc.schemas import ClickEvent, ConversionEvent, ImpressionEvent
from svc.utils import spill_batch

logger = logging.getLogger(__name__)


class EventIngestor:
    """Buffers impressions and writes them to Postgres in COPY batches."""

    def __init__(self, repo: EventRepository, redis: Redis, cfg: Settings) -> None:
        self._repo = repo
        self._redis = redis
        self._batch_size = cfg.event_batch_size
        self._flush_interval = cfg.event_flush_interval
        self._buffer: asyncio.Queue[ImpressionEvent] = asyncio.Queue()
        self._spill = functools.partial(spill_batch, cfg.spill_dir)

    async def submit_impression(self, event: ImpressionEvent) -> None:
        await self._buffer.put(event)
        await self._publish_live(event.campaign_id, "impression")

    async def record_click(self, click: ClickEvent) -> bool:
        inserted = await self._repo.record_click(click)
        if inserted:
            await self._publish_live(click.campaign_id, "click")
        return inserted

    async def record_conversion(self, conversion: ConversionEvent) -> bool:
        click = await self._repo.click_by_id(conversion.click_id)
        if click is None or click["campaign_id"] != conversion.campaign_id:
            raise InvalidEvent(f"unknown click {conversion.click_id}")
        return await self._repo.record_conversion(conversion)

    async def _publish_live(self, campaign_id: int, kind: str) -> None:
        try:
            await self._redis.publish(f"campaign-stats:{campaign_id}", kind)
        except RedisError:
            logger.warning("live stats publish failed for campaign %s", campaign_id, exc_info=True)

    async def _next_batch(self) -> list[ImpressionEvent]:
        batch = [await self._buffer.get()]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._flush_interval
        while len(batch) < self._batch_size:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            try:
                batch.append(await asyncio.wait_for(self._buffer.get(), timeout=remaining))
            except TimeoutError:
                break
        return batch

    async def run(self) -> None:
        await self._repo.ping()
        while True:
            batch = await self._next_batch()
            try:
                await self._repo.insert_impressions(batch)
            except (asyncpg.PostgresError, OSError):
                logger.exception("could not persist %d impressions; spilling to disk", len(batch))
                self._spill([event.model_dump(mode="json") for event in batch])
                raise
