"""A fish-hatchery sensor loader: readings buffered in memory, written by one background task."""
from __future__ import annotations

import asyncio
import logging
from collections import deque
from dataclasses import dataclass
from typing import Protocol

import asyncpg

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TanksWritten:
    tank_ids: tuple[int, ...]


class Listener(Protocol):
    def put(self, event: TanksWritten) -> None: ...


class ReadingLoader:
    def __init__(self, pool: asyncpg.Pool, listener: Listener) -> None:
        self._pool = pool
        self._listener = listener
        self._readings: deque[tuple[int, float]] = deque()
        self._running = False
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._running = True
        self._task = asyncio.create_task(self._run())

    def add(self, tank_id: int, celsius: float) -> None:
        self._readings.append((tank_id, celsius))

    async def _run(self) -> None:
        while self._running or self._readings:  # expect: no-recovery
            async with self._pool.acquire() as conn:
                try:
                    await conn.execute("DELETE FROM readings WHERE taken < now() - interval '30 days'")
                except Exception:
                    logger.exception("old readings not pruned")
            await self._write_batch(100)
            await asyncio.sleep(0.5)

    async def _write_batch(self, size: int) -> None:
        tanks = set()
        try:
            async with self._pool.acquire() as conn:
                while size and self._readings:
                    size -= 1
                    tank_id, celsius = self._readings.popleft()
                    await conn.execute("INSERT INTO readings VALUES ($1, $2)", tank_id, celsius)
                    tanks.add(tank_id)
        except Exception:
            logger.exception("readings not written")
        if tanks:
            self._listener.put(TanksWritten(tuple(tanks)))
