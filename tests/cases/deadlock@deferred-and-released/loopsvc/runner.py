"""A background event-loop thread that runs submitted calls, and a wakeup board."""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from typing import Any, Callable


class LoopThread:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pending: list[Future] = []
        self.running = False

    def submit(self, fn: Callable[[], Any], *, once: bool = False) -> Future:
        with self._lock:
            future: Future = Future()
            self._pending.append(future)
            if once:
                # runs when the call completes, from the loop thread, after the lock is released
                future.add_done_callback(lambda _: self.shutdown())
            return future

    def restart(self) -> None:
        with self._lock:
            self.shutdown()  # expect: deadlock

    def shutdown(self) -> None:
        with self._lock:
            self.running = False
            for future in self._pending:
                future.cancel()
            self._pending.clear()


class WakeupBoard:
    """Workers wait for a pool's sequence number to move past what they saw."""

    def __init__(self) -> None:
        self._cond = asyncio.Condition()
        self._lock = asyncio.Lock()
        self._sequences: dict[str, int] = {}
        self._inbox: asyncio.Queue[str] = asyncio.Queue(maxsize=100)

    async def bump(self, pool: str) -> None:
        async with self._cond:
            self._sequences[pool] = self._sequences.get(pool, 0) + 1
            self._cond.notify_all()

    async def wait_past(self, pool: str, seen: int) -> int:
        async with self._cond:
            await self._cond.wait_for(lambda: self._sequences.get(pool, 0) > seen)
            return self._sequences[pool]

    async def next_message(self) -> str:
        async with self._lock:  # expect: deadlock
            return await self._inbox.get()

    async def reset_and_settle(self, pool: str) -> None:
        async with self._cond:
            self._sequences[pool] = 0
            await self._settled(pool)

    async def _settled(self, pool: str) -> None:
        while self._sequences.get(pool, 0) < 1:
            await self._cond.wait()

    async def take_under_lock(self) -> str:
        async with self._lock:  # expect: deadlock
            return await self._take()

    async def _take(self) -> str:
        return await self._inbox.get()
