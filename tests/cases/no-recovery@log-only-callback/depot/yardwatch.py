"""Yard watchers: one whose callback only records the crash, one whose callback restarts it."""
import asyncio
import logging

import redis.asyncio as redis

logger = logging.getLogger("depot.yard")


class YardWatch:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._gate_task: asyncio.Task | None = None
        self._lamp_task: asyncio.Task | None = None
        self._closing = False

    def start(self) -> None:
        self._gate_task = asyncio.create_task(self._gates())
        self._gate_task.add_done_callback(self._gates_ended)
        self.start_lamps()

    def start_lamps(self) -> None:
        self._lamp_task = asyncio.create_task(self._lamps())
        self._lamp_task.add_done_callback(self._lamps_ended)

    async def _gates(self) -> None:
        while True:  # expect: no-recovery
            opened = await self._redis.lpop("gates:opened")
            if opened is None:
                await asyncio.sleep(1)
                continue
            await self._redis.hincrby("gates:count", opened, 1)

    def _gates_ended(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            logger.error("gate watcher stopped: %r", task.exception())

    async def _lamps(self) -> None:
        while True:
            await self._redis.set("lamps:alive", "1", ex=30)
            await asyncio.sleep(10)

    def _lamps_ended(self, task: asyncio.Task) -> None:
        if self._closing or task.cancelled():
            return
        logger.error("lamp watcher stopped; restarting", exc_info=task.exception())
        asyncio.get_running_loop().call_later(2.0, self.start_lamps)
