import asyncio


class Dispatcher:
    def __init__(self, gateway, plan_lock: asyncio.Lock) -> None:
        self._gateway = gateway
        self._plan_lock = plan_lock

    async def push(self, items: list[str]) -> int:
        async with self._plan_lock:
            for item in items:
                await self._gateway.send(item)
        return len(items)


class Pager:
    def __init__(self, gateway, page_lock: asyncio.Lock) -> None:
        self._gateway = gateway
        self._page_lock = page_lock

    async def page(self, text: str) -> None:
        async with self._page_lock:
            await self._gateway.send(text)
