"""The gateway's aiohttp server."""
from __future__ import annotations

from typing import AsyncIterator

import redis
import redis.asyncio as aioredis
from aiohttp import web

from gate.limits import LIMITS, Limits
from gate.middleware import api_quota, login_throttle


async def login(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def counters(app: web.Application) -> AsyncIterator[None]:
    app[LIMITS] = Limits(redis.Redis(host="redis", socket_timeout=2),
                         aioredis.Redis(host="redis", socket_timeout=2))
    yield
    await app[LIMITS].quotas.aclose()
    app[LIMITS].counters.close()


def create_app() -> web.Application:
    app = web.Application(middlewares=[login_throttle, api_quota])
    app.cleanup_ctx.append(counters)
    app.router.add_post("/login", login)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=8080)
