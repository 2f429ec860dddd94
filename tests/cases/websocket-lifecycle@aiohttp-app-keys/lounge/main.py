"""The lobby server."""
from typing import AsyncIterator

import redis.asyncio as aioredis
from aiohttp import web

from lounge import sockets
from lounge.hubs import LobbyHub, TableHub
from lounge.keys import LOBBY, REDIS, TABLES


async def resources(app: web.Application) -> AsyncIterator[None]:
    redis = aioredis.from_url("redis://redis:6379/0")
    app[REDIS] = redis
    app[LOBBY] = LobbyHub(redis)
    app[TABLES] = TableHub(redis)
    yield
    await app[LOBBY].close()
    await redis.aclose()


def create_app() -> web.Application:
    app = web.Application()
    app.cleanup_ctx.append(resources)
    app.add_routes(sockets.routes)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=8080)
