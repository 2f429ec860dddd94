from __future__ import annotations

import asyncio
import json
import logging

from redis.asyncio import Redis

from svc.feeds.base import FeedBatch, FeedError, OddsProvider
from svc.feeds.normalizer import SelectionMap, dedupe_scores, merge_batches
from svc.odds.repository import OddsRepository

logger = logging.getLogger(__name__)

ODDS_CHANNEL = "odds:updates"
SCORES_CHANNEL = "scores:updates"


class FeedIngestor:
    """Polls all providers, merges, persists and publishes to redis."""

    def __init__(self, providers: list[OddsProvider], repo: OddsRepository, redis: Redis,
                 selections: SelectionMap, interval_s: float = 1.0) -> None:
        self._providers = providers
        self._repo = repo
        self._redis = redis
        self._selections = selections
        self._interval = interval_s
        self._cursors: dict[str, str | None] = {p.name: None for p in providers}

    async def _poll_one(self, provider: OddsProvider) -> FeedBatch | None:
        try:
            batch = await provider.fetch(self._cursors[provider.name])
        except FeedError as exc:
            logger.warning("provider %s failed this cycle: %s", provider.name, exc)
            return None
        self._cursors[provider.name] = batch.cursor
        return batch

    async def warm_up(self, event_ids: list[int], fetch_event, concurrency: int = 8) -> int:
        """Load full books for the given events before the delta loop starts."""
        sem = asyncio.Semaphore(concurrency)

        async def one(event_id: int) -> list[dict]:
            async with sem:
                return await fetch_event(event_id)

        books = await asyncio.gather(*(one(e) for e in event_ids), return_exceptions=True)
        updates: list[dict] = []
        for event_id, book in zip(event_ids, books):
            if isinstance(book, BaseException):
                logger.warning("warm-up for event %s failed: %r", event_id, book)
                continue
            updates.extend(book)
        if updates:
            await self._repo.record_prices(updates)
        return len(updates)

    async def cycle(self) -> int:
        results = await asyncio.gather(*(self._poll_one(p) for p in self._providers))
        batches = [b for b in results if b is not None]
        if not batches:
            return 0
        updates = merge_batches(batches, self._selections)
        if updates:
            await self._repo.record_prices(updates)
            await self._redis.publish(ODDS_CHANNEL, json.dumps(updates))
        for score in dedupe_scores(batches):
            await self._redis.publish(SCORES_CHANNEL, json.dumps(score))
        return len(updates)

    async def run(self) -> None:
        logger.info("feed ingest started with %d providers", len(self._providers))
        while True:
            n = await self.cycle()
            logger.debug("ingest cycle published %d updates", n)
            await asyncio.sleep(self._interval)
