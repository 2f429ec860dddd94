"""Every worker program is one Worker subclass: python -m tatstats.workers.<name>, several replicas each."""
from __future__ import annotations

import asyncio
import logging

logger = logging.getLogger(__name__)


class Worker:
    interval = 60.0

    async def tick(self) -> None:
        raise NotImplementedError

    async def run(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:
                logger.exception("%s tick failed", type(self).__name__)
            await asyncio.sleep(self.interval)


def main(worker_cls: type[Worker]) -> None:
    logging.basicConfig(level=logging.INFO)
    asyncio.run(worker_cls().run())
