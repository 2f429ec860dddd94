from __future__ import annotations

import asyncio
import logging
import signal
from typing import Awaitable, Callable

from ..core.container import Container, build_container, close_container
from ..core.logging import configure_logging
from ..core.settings import get_settings

log = logging.getLogger(__name__)


async def run_periodic(
    name: str, job: Callable[[Container], Awaitable[None]], interval: float
) -> None:
    configure_logging()
    container = await build_container(get_settings())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    log.info("worker %s started (interval %.0fs)", name, interval)
    try:
        while not stop.is_set():
            try:
                await job(container)
            except Exception:
                log.exception("worker %s iteration failed", name)
            try:
                await asyncio.wait_for(stop.wait(), timeout=interval)
            except asyncio.TimeoutError:
                pass
    finally:
        await close_container(container)
        log.info("worker %s stopped", name)
