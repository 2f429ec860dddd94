from __future__ import annotations

import asyncio
import logging
from typing import AsyncIterator

from aiohttp import web

from .api import admin, auth, bids, conferences, decisions, discussions, registration, reviews, submissions
from .api.middleware import (
    api_rate_limit,
    conference_scope,
    db_session_middleware,
    error_middleware,
    request_context,
    throttle_login,
)
from .core.container import CONTAINER, build_container, close_container
from .core.logging import configure_logging
from .core.settings import get_settings
from .services.conferences import close_deadlines_forever
from .ws import review_feed, session_chat
from .ws.hub import ChatHub
from .ws.review_feed import FEED, ReviewFeed
from .ws.session_chat import HUB

log = logging.getLogger(__name__)

BACKGROUND = web.AppKey("background", dict)


def _supervise(app: web.Application, name: str, factory) -> None:
    task = asyncio.create_task(factory(), name=name)

    def _restart(t: asyncio.Task) -> None:
        if t.cancelled():
            return
        log.error("background task %s died, restarting", name, exc_info=t.exception())
        _supervise(app, name, factory)

    task.add_done_callback(_restart)
    app[BACKGROUND][name] = task


async def lifespan(app: web.Application) -> AsyncIterator[None]:
    container = await build_container(get_settings())
    app[CONTAINER] = container
    app[HUB] = ChatHub(container.redis)
    app[FEED] = ReviewFeed()
    app[BACKGROUND] = {}

    _supervise(app, "deadline-closer", lambda: close_deadlines_forever(container.redis, container.sessionmaker))
    app[BACKGROUND]["chat-relay"] = asyncio.create_task(app[HUB].relay_forever())
    log.info("confer started")
    try:
        yield
    finally:
        for task in app[BACKGROUND].values():
            task.cancel()
        await asyncio.gather(*app[BACKGROUND].values(), return_exceptions=True)
        await app[HUB].close()
        await close_container(container)


async def _close_sockets(app: web.Application) -> None:
    await app[FEED].close_all()


def create_app() -> web.Application:
    configure_logging()
    app = web.Application(
        middlewares=[
            request_context,
            error_middleware,
            throttle_login,
            api_rate_limit,
            db_session_middleware,
            conference_scope,
        ],
        client_max_size=64 * 1024 * 1024,
    )
    app.cleanup_ctx.append(lifespan)
    app.on_shutdown.append(_close_sockets)
    for module in (
        auth, conferences, submissions, bids, reviews, discussions, decisions,
        registration, admin, session_chat, review_feed,
    ):
        app.add_routes(module.routes)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=8080)
