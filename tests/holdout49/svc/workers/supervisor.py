"""Runs background loops inside the API process and restarts them with backoff."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class Supervisor:
    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task] = {}
        self._state: dict[str, str] = {}
        self._stopping = asyncio.Event()

    def start(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        self._tasks[name] = asyncio.create_task(self._run(name, factory), name=f"worker:{name}")

    async def _run(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        delay = 1.0
        while not self._stopping.is_set():
            self._state[name] = "ok"
            try:
                await factory()
                delay = 1.0
            except asyncio.CancelledError:
                raise
            except Exception:
                self._state[name] = "restarting"
                log.exception("worker %s crashed; restarting in %.1fs", name, delay)
                await asyncio.sleep(delay + random.uniform(0, delay / 2))
                delay = min(delay * 2, 60.0)

    def status(self) -> dict[str, str]:
        return dict(self._state)

    async def stop(self) -> None:
        self._stopping.set()
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
