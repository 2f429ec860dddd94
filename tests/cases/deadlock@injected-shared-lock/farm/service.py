import asyncio

from farm.container import Shared
from farm.dispatch import Dispatcher, Pager


class IrrigationService:
    def __init__(self, gateway, deps: Shared) -> None:
        self._plan_lock = deps.plan_lock
        self._dispatcher = Dispatcher(gateway, deps.plan_lock)
        self._pager = Pager(gateway, asyncio.Lock())

    async def irrigate(self, items: list[str]) -> int:
        async with self._plan_lock:
            sent = await self._dispatcher.push(items)  # expect: deadlock
        return sent

    async def notify(self, text: str) -> None:
        async with self._plan_lock:
            await self._pager.page(text)
