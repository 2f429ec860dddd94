"""The relay's one aiohttp application, kept by the server object plugins are handed."""
from aiohttp import web


class RelayServer:
    def __init__(self) -> None:
        self.web_app = web.Application()
        self.runner = web.AppRunner(self.web_app)

    async def start(self) -> None:
        await self.runner.setup()
        await web.TCPSite(self.runner, "0.0.0.0", 8090).start()
