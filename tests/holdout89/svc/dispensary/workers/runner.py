"""Process runner for the standalone workers: container lifecycle, signals and supervision."""
from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

from dispensary.container import Container, build_container
from dispensary.logging_setup import configure_logging
from dispensary.settings import get_settings

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 300.0


async def supervise(name: str, job: Callable[[], Awaitable[None]], interval: float, stop: asyncio.Event) -> None:
    """Run `job` every `interval` seconds; failures back off exponentially up to five minutes."""
    failures = 0
    while not stop.is_set():
        try:
            await job()
            failures = 0
            delay = interval
        except Exception:
            failures += 1
            delay = min(MAX_BACKOFF_SECONDS, interval * 2**failures)
            logger.exception("%s failed (%d in a row); next run in %.0fs", name, failures, delay)
        try:
            await asyncio.wait_for(stop.wait(), timeout=delay)
        except asyncio.TimeoutError:
            pass


async def run_worker(name: str, factory: Callable[[Container], Callable[[], Awaitable[None]]], interval: float) -> None:
    configure_logging()
    container = await build_container(get_settings())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await supervise(name, factory(container), interval, stop)
    finally:
        await container.aclose()
        logger.info("%s stopped", name)
