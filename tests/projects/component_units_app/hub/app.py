"""A hub class that runs a sweeper loop and answers queries; a handler that starts a keepalive loop."""
import asyncio

import asyncpg
from tornado import web


class Hub:
    def __init__(self) -> None:
        self.pool = None

    async def start(self) -> None:
        self.pool = await asyncpg.create_pool("postgresql://db/hub")
        self._sweeper = asyncio.create_task(self.sweep())

        async def wait_for_stop() -> None:
            while True:
                await asyncio.sleep(5)

        self._stopper = asyncio.create_task(wait_for_stop())

    async def sweep(self) -> None:
        while True:
            await self.pool.execute("DELETE FROM sessions WHERE expired")
            await asyncio.sleep(60)

    async def lookup(self, name: str) -> list:
        return await self.pool.fetch("SELECT * FROM users WHERE name = $1", name)


HUB = Hub()


class ProgressHandler(web.RequestHandler):
    async def keepalive(self) -> None:
        while True:
            self.write("\n")
            await self.flush()
            await asyncio.sleep(30)

    async def get(self, name: str) -> None:
        self._keepalive = asyncio.ensure_future(self.keepalive())
        self.write({"rows": len(await HUB.lookup(name))})


def make_app() -> web.Application:
    return web.Application([(r"/progress/([^/]+)", ProgressHandler)])


async def main() -> None:
    await HUB.start()
    make_app().listen(8000)
    await asyncio.Event().wait()
