"""Per-campaign pub/sub pumps. The done-callbacks only drop finished tasks from a set (and log)."""
import asyncio
import logging

import redis.asyncio as redis

logger = logging.getLogger(__name__)


class Hub:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._pumps: set[asyncio.Task] = set()
        self._watchers: set[asyncio.Task] = set()

    async def follow(self, campaign_id: int) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(f"stats:{campaign_id}")
        pump = asyncio.create_task(self._pump(campaign_id, pubsub))
        self._pumps.add(pump)
        pump.add_done_callback(self._pumps.discard)
        self.keep_watched(campaign_id)

    def keep_watched(self, campaign_id: int) -> None:
        watcher = asyncio.create_task(self._watch(campaign_id))
        self._watchers.add(watcher)
        watcher.add_done_callback(self._watch_ended)

    async def _pump(self, campaign_id: int, pubsub) -> None:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)  # expect: no-recovery
            if message is not None:
                logger.debug("campaign %s: %s", campaign_id, message["data"])

    async def _watch(self, campaign_id: int) -> None:
        while True:
            await self._redis.expire(f"watched:{campaign_id}", 60)  # expect: no-recovery
            await asyncio.sleep(30)

    def _watch_ended(self, task: asyncio.Task) -> None:
        self._watchers.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("watcher died", exc_info=task.exception())

    async def close(self) -> None:
        for task in [*self._pumps, *self._watchers]:
            task.cancel()
