"""Keeps long-running loops alive."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from apron.utils.retry import backoff_delay

log = logging.getLogger(__name__)

LoopFactory = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


async def supervise(name: str, factory: LoopFactory, stop: asyncio.Event, max_backoff_s: float = 60.0) -> None:
    """Run factory(stop) until stop is set, restarting it with capped exponential backoff."""
    failures = 0
    while not stop.is_set():
        try:
            await factory(stop)
            failures = 0
        except asyncio.CancelledError:
            raise
        except Exception:
            failures += 1
            delay = min(max_backoff_s, backoff_delay(failures))
            log.exception("%s crashed (%d in a row), restarting in %.1fs", name, failures, delay)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass


async def keep_alive(name: str, factory: LoopFactory, stop: asyncio.Event) -> None:
    """Simpler variant for the interval workers, which sleep between runs themselves."""
    while not stop.is_set():  # restart on crash
        try:
            await factory(stop)
        except Exception as exc:
            log.exception("%s stopped unexpectedly (%s), restarting", name, exc)
