from __future__ import annotations

import asyncio
import contextlib
from contextlib import asynccontextmanager

from fastapi import FastAPI

from zonekeep.api import abuse, accounts, admin, certificates, dnssec, domains, health, records, transfers, zones
from zonekeep.container import build_container
from zonekeep.core import db
from zonekeep.core.acme_signer import load_signer
from zonekeep.core.errors import install_handlers
from zonekeep.core.logging import configure_logging, get_logger
from zonekeep.core.redis import close_redis, get_redis
from zonekeep.core.settings import get_settings
from zonekeep.ws import certs as ws_certs
from zonekeep.ws import events as ws_events
from zonekeep.ws import propagation as ws_propagation
from zonekeep.ws.hub import PropagationHub

log = get_logger("main")


def _supervise(app: FastAPI, name: str, factory) -> None:
    """Keep a background loop alive: log the failure and start it again."""

    def _done(task: asyncio.Task) -> None:
        if task.cancelled() or app.state.stopping:
            return
        log.error("background task %s died: %r; restarting", name, task.exception())
        _supervise(app, name, factory)

    task = asyncio.create_task(factory(), name=name)
    task.add_done_callback(_done)
    app.state.tasks.append(task)


async def _warm_pricing(app: FastAPI) -> None:
    while True:
        for tld in ("com", "net", "org"):
            await app.state.container.registry.price(tld, "create")
        await asyncio.sleep(600)


@asynccontextmanager
async def lifespan(app: FastAPI):
    configure_logging()
    settings = get_settings()
    app.state.stopping = False
    app.state.tasks = []
    redis = get_redis()
    pool = await db.create_raw_pool()
    signer = await load_signer(settings.acme_account_key_path)
    container = await build_container(settings, redis, pool, signer)
    app.state.container = container
    hub = PropagationHub(redis, container.propagation)
    app.state.hub = hub

    listener = asyncio.create_task(hub.run())
    _supervise(app, "pricing-warmer", lambda: _warm_pricing(app))
    log.info("zonekeep api started (%s)", settings.environment)
    try:
        yield
    finally:
        app.state.stopping = True
        hub.close_all()
        listener.cancel()
        for task in app.state.tasks:
            task.cancel()
        for task in [listener, *app.state.tasks]:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await container.aclose()
        await close_redis()
        await db.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="zonekeep", lifespan=lifespan)
    install_handlers(app)
    for module in (health, accounts, domains, zones, records, dnssec, certificates, transfers, abuse, admin):
        app.include_router(module.router)
    for module in (ws_propagation, ws_events, ws_certs):
        app.include_router(module.router)
    return app


app = create_app()
