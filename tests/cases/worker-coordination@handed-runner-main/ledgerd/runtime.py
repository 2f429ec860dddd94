"""The one way every worker program starts: python -m ledgerd.workers.<name>"""
from __future__ import annotations

import asyncio
import logging
import signal
from typing import Awaitable, Callable

from ledgerd.db import Container

logger = logging.getLogger(__name__)


def run_program(name: str, main: Callable[[Container, asyncio.Event], Awaitable[None]]) -> None:
    logging.basicConfig(level=logging.INFO, format=f"%(asctime)s {name} %(levelname)s %(message)s")

    async def _runner() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        container = await Container.create()
        try:
            await main(container, stop)
        finally:
            await container.close()
        logger.info("%s stopped", name)

    asyncio.run(_runner())
