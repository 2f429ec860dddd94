from __future__ import annotations

import asyncio
import logging
import socket
from contextlib import asynccontextmanager

from fastapi import FastAPI

from telco.container import build_container
from telco.db import build_engine, build_pg_pool, build_session_factory
from telco.errors import TelcoError, telco_error_handler
from telco.logging_setup import configure_logging
from telco.middleware.rate_limit import RateLimitMiddleware
from telco.middleware.request_id import RequestIdMiddleware
from telco.redis_client import build_redis
from telco.routers import admin, balance_ws, bundles, charging, health, noc, porting, selfcare, subscribers
from telco.settings import get_settings
from telco.workers.cdr_consumer import CdrStreamConsumer
from telco.workers.port_deadlines import answer_due_port_outs
from telco.workers.reservation_sweeper import sweep_once
from telco.workers.runner import supervise

logger = logging.getLogger(__name__)


def _track(app: FastAPI, task: asyncio.Task) -> None:
    app.state.background.add(task)
    task.add_done_callback(app.state.background.discard)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging()
    engine = build_engine(settings)
    pool = await build_pg_pool(settings)
    redis = build_redis(settings)
    container = build_container(settings, engine, build_session_factory(engine), pool, redis)
    app.state.container = container
    app.state.background = set()

    _track(app, asyncio.create_task(supervise("reservation-sweeper", lambda: sweep_once(container), interval=30)))
    _track(app, asyncio.create_task(supervise("port-deadlines", lambda: answer_due_port_outs(container), interval=60)))
    consumer = CdrStreamConsumer(container, consumer_name=socket.gethostname())
    app.state.cdr_task = asyncio.create_task(consumer.run())
    logger.info("telco api started")
    try:
        yield
    finally:
        for task in [*app.state.background, app.state.cdr_task]:
            task.cancel()
        await asyncio.gather(*app.state.background, app.state.cdr_task, return_exceptions=True)
        await container.close()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="telco-provisioning", lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(RateLimitMiddleware, redis=build_redis(settings), per_minute=20)
    app.add_exception_handler(TelcoError, telco_error_handler)
    for module in (health, subscribers, porting, charging, selfcare, bundles, admin, noc, balance_ws):
        app.include_router(module.router)
    return app


app = create_app()
