"""Runs the tick scheduler. `Clock` comes from a compiled extension the analyser cannot read."""
import asyncio
import threading

from engine.native.clock import Clock
from engine.tasks import spawn_logged


class Runner:
    def __init__(self, interval: float):
        self.clock = Clock(interval)
        self._stats_lock = threading.Lock()
        self.ticks = 0

    async def run_clock(self):
        # A context manager of unknown type: nothing shows it is a lock.
        with self.clock as clock:
            await clock.run()

    async def record(self, source):
        with self._stats_lock:  # expect: deadlock
            self.ticks += await source.count()


class Feed:
    def __init__(self, connect):
        self._connect = connect
        self._conn_lock = asyncio.Lock()
        self._conn = None
        self._reader = None

    async def connection(self):
        async with self._conn_lock:
            if self._conn is None:
                self._conn = await self._connect()
                # Scheduled, not called: the reader runs after this block releases the lock.
                self._reader = spawn_logged(self._read_loop(self._conn))
            return self._conn

    async def _read_loop(self, conn):
        async for message in conn:
            if message is None:
                await self._reset()

    async def _reset(self):
        async with self._conn_lock:
            self._conn = None

    async def refresh(self):
        async with self._conn_lock:
            await self._reset()  # expect: deadlock
