import asyncio


class Feed:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.updates = asyncio.Queue(maxsize=100, loop=loop)  # expect: asyncio-practice
        self.task = asyncio.ensure_future(self.pump(), loop=loop)

    async def pump(self) -> None:
        while True:
            await self.updates.get()
