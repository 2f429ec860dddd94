import asyncio
import contextlib
import json
from contextlib import suppress

import redis.asyncio as redis


class FeedPublisher:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._task: asyncio.Task | None = None

    async def publish(self, feed_id: int, event: dict) -> None:
        with contextlib.suppress(Exception):  # expect: swallowed-exception
            await self._redis.publish(f"feed:{feed_id}", json.dumps(event))

    async def publish_counted(self, feed_id: int, event: dict) -> None:
        with suppress(redis.RedisError):  # expect: swallowed-exception
            await self._redis.incr(f"feed:{feed_id}:count")

    async def stop(self) -> None:
        # look-alikes: an expected signal, and best-effort cleanup
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        with contextlib.suppress(Exception):
            await self._redis.aclose()

    def parse(self, raw: str) -> dict:
        # look-alike: a narrow decode error around a pure parse
        with contextlib.suppress(ValueError):
            return json.loads(raw)
        return {}


def price_of(usage: dict, table) -> float | None:
    # look-alike: an optional value computed in sync code, suppressed on purpose
    cost = None
    with contextlib.suppress(Exception):
        cost = float(table.lookup(usage["model"]) * usage["tokens"])
    return cost


class FeedIndex:
    """A read-through cache of feed listings kept by a project accessor."""

    def __init__(self, cache, repo) -> None:
        self._cache = cache
        self._repo = repo

    async def listing(self, feed_id: int) -> list[dict]:
        cached = await self._cache.get_listing(feed_id)
        if cached is not None:
            return cached
        rows = await self._repo.load_listing(feed_id)
        # look-alike: the fill of a read-through cache; the answer is already in hand
        with contextlib.suppress(redis.RedisError):
            await self._cache.set_listing(feed_id, rows)
        return rows

    async def listing_broad(self, feed_id: int) -> list[dict]:
        cached = await self._cache.get_listing(feed_id)
        if cached is not None:
            return cached
        rows = await self._repo.load_listing(feed_id)
        with contextlib.suppress(Exception):  # expect: swallowed-exception
            await self._cache.set_listing(feed_id, rows)
        return rows
