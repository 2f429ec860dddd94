"""Routes that refresh the feeds on demand."""
from aiohttp import web

from .feeds import ChannelFeed
from .mirror import MirrorFeed


class FeedAPI:
    def __init__(self, channel: ChannelFeed, mirror: MirrorFeed) -> None:
        self.channel = channel
        self.mirror = mirror

    async def refresh_channel(self, request: web.Request) -> web.Response:
        await self.channel.refresh()
        return web.json_response({"size": len(self.channel.latest)})

    async def refresh_mirror(self, request: web.Request) -> web.Response:
        await self.mirror.refresh()
        return web.json_response({"size": len(self.mirror.latest)})


def build(channel: ChannelFeed, mirror: MirrorFeed) -> web.Application:
    app = web.Application()
    api = FeedAPI(channel, mirror)
    app.add_routes([web.post("/channel/refresh", api.refresh_channel), web.post("/mirror/refresh", api.refresh_mirror)])
    return app
