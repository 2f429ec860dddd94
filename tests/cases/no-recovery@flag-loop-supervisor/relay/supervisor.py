"""Keeps long-running loops alive until the stop event is set."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Loop = Callable[[asyncio.Event], Awaitable[None]]


async def keep_alive(name: str, factory: Loop, stop: asyncio.Event) -> None:
    while not stop.is_set():  # expect: no-recovery
        try:
            await factory(stop)
        except Exception:
            log.exception("%s stopped, restarting", name)


async def keep_alive_backing_off(name: str, factory: Loop, stop: asyncio.Event) -> None:
    delay = 1.0
    while not stop.is_set():
        try:
            await factory(stop)
            delay = 1.0
        except Exception:
            log.exception("%s stopped, restarting in %.0fs", name, delay)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass
            delay = min(delay * 2, 60.0)
