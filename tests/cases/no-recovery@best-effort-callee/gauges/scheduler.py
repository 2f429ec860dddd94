"""Loops started with the application: they refresh the gauges on a timer."""
from __future__ import annotations

import asyncio

import asyncpg

from gauges.metrics import refresh_outbox_backlog, refresh_replication_lag


class GaugeScheduler:
    def __init__(self, pool: asyncpg.Pool, interval: float = 30.0) -> None:
        self._pool = pool
        self._interval = interval
        self._stopping = asyncio.Event()

    async def run_backlog(self) -> None:
        while not self._stopping.is_set():
            await refresh_outbox_backlog(self._pool)
            await asyncio.sleep(self._interval)

    async def run_lag(self) -> None:
        while not self._stopping.is_set():
            await refresh_replication_lag(self._pool)  # expect: no-recovery
            await asyncio.sleep(self._interval)

    async def run_both(self) -> None:
        while not self._stopping.is_set():
            results = await asyncio.gather(
                refresh_replication_lag(self._pool),
                refresh_outbox_backlog(self._pool),
                return_exceptions=True,
            )
            self.failures = [r for r in results if isinstance(r, Exception)]
            await asyncio.sleep(self._interval)

    async def run_both_strict(self) -> None:
        while not self._stopping.is_set():
            await asyncio.gather(refresh_replication_lag(self._pool), refresh_outbox_backlog(self._pool))  # expect: no-recovery
            await asyncio.sleep(self._interval)
