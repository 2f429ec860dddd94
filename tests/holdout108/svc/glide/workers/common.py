from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

from glide.container import Container, build_container
from glide.settings import configure_logging, get_settings

log = logging.getLogger(__name__)


def run_program(name: str, main: Callable[[Container, asyncio.Event], Awaitable[None]]) -> None:
    configure_logging()

    async def _runner() -> None:
        container = build_container(get_settings())
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        log.info("%s starting", name)
        try:
            await main(container, stop)
        finally:
            await container.aclose()
            log.info("%s stopped", name)

    asyncio.run(_runner())


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> bool:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
        return True
    except asyncio.TimeoutError:
        return False
