"""Orchard sensor ingestion: readings buffered and written by a background task."""
from __future__ import annotations

import asyncio
import logging
from collections import deque

import asyncpg

logger = logging.getLogger(__name__)


class ReadingBuffer:
    def __init__(self, pool: asyncpg.Pool, limit: int = 10_000) -> None:
        self._pool = pool
        self._limit = limit
        self._readings: deque[tuple[str, float]] = deque()

    @property
    def is_full(self) -> bool:
        return len(self._readings) >= self._limit

    async def add(self, sensor: str, value: float) -> None:
        self._readings.append((sensor, value))

    async def run(self) -> None:
        while True:
            while self._readings:
                sensor, value = self._readings.popleft()
                await self._pool.execute("INSERT INTO readings VALUES ($1, $2)", sensor, value)
            await asyncio.sleep(1)


class AlertBuffer:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._alerts: deque[str] = deque()  # expect: backpressure

    def has_work(self, draining: bool) -> bool:
        if not draining:
            logger.debug("alert buffer idle [pending=%d]", len(self._alerts))
        return draining

    async def add(self, text: str) -> None:
        self._alerts.append(text)

    async def run(self) -> None:
        while True:
            while self._alerts:
                await self._pool.execute("INSERT INTO alerts VALUES ($1)", self._alerts.popleft())
            await asyncio.sleep(1)
