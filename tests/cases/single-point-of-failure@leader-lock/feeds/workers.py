"""Background refreshers started with the app in every replica."""
import asyncio
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class PriceRefresher:
    """Only the replica holding the leader lock refreshes; the others wait for the next round."""

    def __init__(self, locks: Redis) -> None:
        self._locks = locks

    async def run(self) -> None:
        while True:
            leader = self._locks.lock("prices:leader", timeout=55, blocking=False)
            if await leader.acquire():
                log.info("refreshing prices")
            await asyncio.sleep(60)


class ScratchSweeper:
    """Same election, but a store outage only skips a round."""

    def __init__(self, scratch: Redis) -> None:
        self._scratch = scratch

    async def run(self) -> None:
        while True:
            try:
                leader = self._scratch.lock("sweeper:leader", timeout=55, blocking=False)
                if await leader.acquire():
                    log.info("sweeping")
            except RedisError:
                log.warning("scratch store unavailable, skipping this round")
            await asyncio.sleep(60)
