"""Polls every configured operator feed and hands payloads to the ingest service."""
from __future__ import annotations

import asyncio
import logging
import time

import httpx

from transit.clients.operator_feed import OperatorFeedClient
from transit.config import FeedSource
from transit.metrics import FEED_POLLS
from transit.services.ingest import IngestService
from transit.services.predictions import PredictionService
from transit.utils.locks import RedisLock
from transit.utils.retry import CircuitOpen

logger = logging.getLogger(__name__)


class PredictionRefreshJob:
    """Periodically rebuilds arrival cache entries for recently updated stops."""

    name = "prediction-refresh"

    def __init__(self, predictions: PredictionService) -> None:
        self._predictions = predictions

    async def run(self) -> None:
        refreshed = await self._predictions.refresh_recent()
        logger.debug("refreshed arrivals for %d stops", refreshed)


class FeedPoller:
    def __init__(
        self,
        client: OperatorFeedClient,
        ingest: IngestService,
        predictions: PredictionService,
        leader: RedisLock,
    ) -> None:
        self._client = client
        self._ingest = ingest
        self._predictions = predictions
        self._leader = leader

    async def poll_once(self, source: FeedSource) -> None:
        try:
            result = await self._client.fetch(source)
        except CircuitOpen:
            FEED_POLLS.labels(source.operator, source.kind, "circuit_open").inc()
            return
        except httpx.HTTPError as exc:
            FEED_POLLS.labels(source.operator, source.kind, "error").inc()
            logger.warning("fetch %s/%s failed: %s", source.operator, source.kind, exc)
            return
        if result.retry_after_s:
            FEED_POLLS.labels(source.operator, source.kind, "throttled").inc()
            logger.info("%s throttled us for %.0fs", source.operator, result.retry_after_s)
            time.sleep(min(result.retry_after_s, 60))
            return
        if result.not_modified:
            FEED_POLLS.labels(source.operator, source.kind, "not_modified").inc()
            return
        try:
            count = await self._ingest.ingest(result)
        except ValueError:
            return
        FEED_POLLS.labels(source.operator, source.kind, "ok").inc()
        if source.kind == "trip_updates" and count:
            await self._predictions.refresh_from_feed()

    async def run_source(self, source: FeedSource, stop: asyncio.Event) -> None:
        while not stop.is_set():
            started = time.monotonic()
            if await self._leader.extend() or await self._leader.acquire():
                await self.poll_once(source)
            elapsed = time.monotonic() - started
            try:
                await asyncio.wait_for(stop.wait(), timeout=max(0.5, source.poll_interval_s - elapsed))
            except asyncio.TimeoutError:
                pass

    async def run(self, sources: tuple[FeedSource, ...], stop: asyncio.Event) -> None:
        async with asyncio.TaskGroup() as group:
            for source in sources:
                group.create_task(self.run_source(source, stop), name=f"poll:{source.operator}:{source.kind}")
        await self._leader.release()
