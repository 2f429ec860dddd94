"""Authoritative attempt deadlines live in redis so every replica sees the same clock."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

logger = logging.getLogger(__name__)

_tickers: dict[int, asyncio.Task] = {}


def _key(attempt_id: int) -> str:
    return f"attempt:{attempt_id}:deadline"


class AttemptTimers:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def start(self, attempt_id: int, deadline_epoch: float) -> None:
        await self._redis.set(_key(attempt_id), int(deadline_epoch), exat=int(deadline_epoch) + 3600)

    async def deadline(self, attempt_id: int) -> float | None:
        raw = await self._redis.get(_key(attempt_id))
        return float(raw) if raw is not None else None

    async def remaining(self, attempt_id: int) -> int:
        deadline = await self.deadline(attempt_id)
        if deadline is None:
            return 0
        return max(0, int(deadline - time.time()))

    async def extend_deadline(self, attempt_id: int, seconds: int) -> float:
        current = await self.deadline(attempt_id)
        if current is None:
            raise KeyError(attempt_id)
        new_deadline = current + seconds
        await self._redis.set(_key(attempt_id), int(new_deadline), exat=int(new_deadline) + 3600)
        return new_deadline

    async def add_pause(self, attempt_id: int, seconds: int) -> int:
        """Rest-break accommodation: pushes the deadline back atomically."""
        new_value = await self._redis.incrby(_key(attempt_id), seconds)
        await self._redis.expireat(_key(attempt_id), new_value + 3600)
        return new_value

    async def clear(self, attempt_id: int) -> None:
        await self._redis.delete(_key(attempt_id))
        stop_ticker(attempt_id)


def start_ticker(attempt_id: int, timers: AttemptTimers, push: Callable[[int], Awaitable[None]], every: float = 15.0) -> None:
    """Push the remaining time to the candidate's socket every few seconds."""

    async def _tick() -> None:
        while True:
            left = await timers.remaining(attempt_id)
            await push(left)
            if left <= 0:
                return
            await asyncio.sleep(every)

    stop_ticker(attempt_id)  # replace any previous ticker
    _tickers[attempt_id] = asyncio.create_task(_tick(), name=f"ticker-{attempt_id}")


def stop_ticker(attempt_id: int) -> None:
    task = _tickers.pop(attempt_id, None)
    if task is not None:
        task.cancel()
