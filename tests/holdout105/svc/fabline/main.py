"""FastAPI application: lifespan wiring, routers, background tasks."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from fabline.api import admin, dispatch, health, holds, lots, recipes, spc, tools, wafers, yields
from fabline.core import db, pg
from fabline.core.container import Container
from fabline.core.errors import install_handlers
from fabline.core.logging import configure_logging
from fabline.core.redis import close_redis, init_redis
from fabline.core.settings import get_settings
from fabline.ws import lot_events, tool_status

logger = logging.getLogger("fabline")


async def board_refresher(container: Container) -> None:
    """Push the WIP counts to the board sockets every 15 s."""
    while True:
        counts = await container.redis.hgetall("wip:snapshot")
        await container.hub.broadcast("board", str(counts))
        await asyncio.sleep(15)


def _supervise(app: FastAPI, name: str, factory) -> asyncio.Task:
    task = asyncio.create_task(factory(), name=name)

    def _restart(t: asyncio.Task) -> None:
        if t.cancelled() or getattr(app.state, "shutting_down", False):
            return
        logger.error("background task %s died: %r; restarting", name, t.exception())
        app.state.tasks[name] = _supervise(app, name, factory)

    task.add_done_callback(_restart)
    return task


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging(settings.environment)
    db.init_engine()
    pool = await pg.create_pool()
    redis = init_redis()
    container = await Container.build(settings, pool, redis, db.session_factory())
    app.state.container = container
    app.state.shutting_down = False
    app.state.tasks = {}

    app.state.tasks["hub-pump"] = asyncio.create_task(container.hub.pump())
    app.state.tasks["board"] = _supervise(app, "board", lambda: board_refresher(container))
    try:
        yield
    finally:
        app.state.shutting_down = True
        for task in app.state.tasks.values():
            task.cancel()
        await asyncio.gather(*app.state.tasks.values(), return_exceptions=True)
        await container.close()
        await pg.close_pool()
        await close_redis()
        await db.dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="fabline", version="2.7.0", lifespan=lifespan)
    install_handlers(app)
    for module in (lots, wafers, tools, recipes, spc, holds, dispatch, yields, health, admin):
        app.include_router(module.router)
    app.include_router(tool_status.router)
    app.include_router(lot_events.router)
    return app


app = create_app()
