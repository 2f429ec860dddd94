"""A websocket channel that runs its reader and writer side by side."""
import asyncio


class Channel:
    def __init__(self, websocket) -> None:
        self.websocket = websocket
        self._tasks: list[asyncio.Task] = []

    async def run_tasks(self, *tasks):
        self._tasks = [asyncio.create_task(task) for task in tasks]
        try:
            return await asyncio.gather(*self._tasks)
        except Exception:
            for task in self._tasks:
                task.cancel()

    async def read(self) -> None:
        async for message in self.websocket:
            await self.websocket.send(message)

    async def write(self) -> None:
        await self.websocket.send("hello")


async def serve(websocket) -> None:
    channel = Channel(websocket)
    await channel.run_tasks(channel.read(), channel.write())
