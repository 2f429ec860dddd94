"""Per-pair watch tasks started by a scheduler; the scheduler hears when one ends."""
import asyncio
import logging
from functools import partial

logger = logging.getLogger(__name__)


class CandleWatcher:
    def __init__(self, exchange, loop: asyncio.AbstractEventLoop) -> None:
        self.exchange = exchange
        self._loop = loop
        self._watching: set[str] = set()
        self._scheduled: set[str] = set()
        self._tasks: set[asyncio.Task] = set()

    async def _schedule(self) -> None:
        for pair in self._watching:
            if pair not in self._scheduled:
                self._scheduled.add(pair)
                task = asyncio.create_task(self._watch(pair))
                self._tasks.add(task)
                task.add_done_callback(partial(self._stopped, pair=pair))

    def _stopped(self, task: asyncio.Task, pair: str) -> None:
        self._tasks.discard(task)
        self._scheduled.discard(pair)
        if not task.cancelled() and task.exception() is not None:
            logger.error("watch of %s failed: %s", pair, task.exception())

    async def _watch(self, pair: str) -> None:
        while pair in self._watching:
            await self.exchange.watch_ohlcv(pair)

    def schedule(self, pair: str) -> None:
        self._watching.add(pair)
        asyncio.run_coroutine_threadsafe(self._schedule(), loop=self._loop)


class TickerWatcher:
    def __init__(self, exchange, loop: asyncio.AbstractEventLoop) -> None:
        self.exchange = exchange
        self._loop = loop
        self._watching: set[str] = set()
        self._tasks: set[asyncio.Task] = set()

    async def _schedule(self) -> None:
        for pair in self._watching:
            task = asyncio.create_task(self._watch(pair))
            self._tasks.add(task)

    async def _watch(self, pair: str) -> None:
        while pair in self._watching:
            await self.exchange.watch_ticker(pair)  # expect: no-recovery

    def schedule(self, pair: str) -> None:
        self._watching.add(pair)
        asyncio.run_coroutine_threadsafe(self._schedule(), loop=self._loop)
