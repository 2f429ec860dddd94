from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def run_forever(name: str, interval_s: float, step: Callable[[], Awaitable[int]]) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    while not stop.is_set():
        try:
            processed = await step()
            log.info("%s processed %d items", name, processed)
        except Exception:
            log.exception("%s step failed; will retry next interval", name)
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
        except asyncio.TimeoutError:
            pass
    log.info("%s stopping", name)
