"""The ticker's aiohttp app: relays started with the app, stopped with it."""
from __future__ import annotations

import asyncio
import logging
from typing import AsyncIterator, Awaitable, Callable

import redis.asyncio as aioredis
from aiohttp import web

from ticker.relays import NewsRelay, QuoteRelay

log = logging.getLogger(__name__)

QUOTES = web.AppKey("quotes", QuoteRelay)
NEWS = web.AppKey("news", NewsRelay)
TASKS = web.AppKey("tasks", dict)


def _keep_running(app: web.Application, name: str, factory: Callable[[], Awaitable[None]]) -> None:
    task = asyncio.create_task(factory(), name=name)

    def _restart(done: asyncio.Task) -> None:
        if done.cancelled():
            return
        log.error("relay %s died, restarting", name, exc_info=done.exception())
        _keep_running(app, name, factory)

    task.add_done_callback(_restart)
    app[TASKS][name] = task


async def relays(app: web.Application) -> AsyncIterator[None]:
    redis = aioredis.from_url("redis://redis:6379/0", socket_timeout=5)
    app[QUOTES] = QuoteRelay(redis)
    app[NEWS] = NewsRelay(redis)
    app[TASKS] = {}
    app[TASKS]["quotes"] = asyncio.create_task(app[QUOTES].run())  # expect: no-recovery
    news = app[NEWS]
    _keep_running(app, "news", news.run)
    yield
    for task in app[TASKS].values():
        task.cancel()
    await asyncio.gather(*app[TASKS].values(), return_exceptions=True)
    await redis.aclose()


def create_app() -> web.Application:
    app = web.Application()
    app.cleanup_ctx.append(relays)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=8080)
