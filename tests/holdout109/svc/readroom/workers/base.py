from __future__ import annotations

import asyncio
import logging
import signal

from readroom.cache.redis_client import close_redis
from readroom.db.engine import dispose_engine
from readroom.db.pg_pool import close_pool, init_pool
from readroom.settings import configure_logging

log = logging.getLogger(__name__)


class Worker:
    name = "worker"
    interval = 30.0

    def __init__(self) -> None:
        self._stop = asyncio.Event()

    async def setup(self) -> None:
        await init_pool()

    async def teardown(self) -> None:
        await close_pool()
        await close_redis()
        await dispose_engine()

    async def tick(self) -> None:
        raise NotImplementedError

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self._stop.set)
        await self.setup()
        log.info("%s started", self.name)
        try:
            while not self._stop.is_set():
                try:
                    await self.tick()
                except Exception:
                    log.exception("%s tick failed", self.name)
                try:
                    await asyncio.wait_for(self._stop.wait(), timeout=self.interval)
                except asyncio.TimeoutError:
                    pass
        finally:
            await self.teardown()
            log.info("%s stopped", self.name)


def main(worker_cls: type[Worker]) -> None:
    configure_logging()
    asyncio.run(worker_cls().run())
