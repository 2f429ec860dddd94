from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.core.logging import configure_logging, get_logger

log = get_logger("workers")


def install_stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


@asynccontextmanager
async def advisory_lock(session: AsyncSession, key: int):
    got = (await session.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key})).scalar_one()
    try:
        yield bool(got)
    finally:
        if got:
            await session.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})


async def run_periodic(name: str, interval: float, tick: Callable[[], Awaitable[None]]) -> None:
    configure_logging()
    stop = install_stop_event()
    log.info("worker %s starting, interval=%ss", name, interval)
    while not stop.is_set():
        try:
            await tick()
        except Exception:
            log.exception("worker %s tick failed", name)
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except asyncio.TimeoutError:
            pass
    log.info("worker %s stopped", name)
