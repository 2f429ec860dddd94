from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from loyalty import __version__
from loyalty.config import get_settings
from loyalty.clients.pos_gateway import PosGatewayClient
from loyalty.container import build_services
from loyalty.db.engine import create_pool, dispose_engine, ensure_schema, init_engine, session_factory
from loyalty.redis_client import create_redis
from loyalty.repositories.members_repo import MemberNotFound
from loyalty.routers import admin, campaigns, health, members, rewards, webhooks
from loyalty.ws import balance_socket, campaign_feed
from loyalty.ws.hub import BalanceHub

log = logging.getLogger("loyalty")
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    init_engine(settings)
    pool = await create_pool(settings)
    await ensure_schema(pool)
    redis_client = create_redis(settings)
    services = await build_services(settings, session_factory(), pool, redis_client)
    hub = BalanceHub.from_settings(redis_client, settings)
    await hub.start()

    app.state.settings = settings
    app.state.pg_pool = pool
    app.state.redis = redis_client
    app.state.services = services
    app.state.balance_hub = hub
    app.state.pos_gateway = PosGatewayClient(settings.pos_gateway_host, settings.pos_gateway_port)
    log.info("loyalty api %s started (%s)", __version__, settings.environment)
    try:
        yield
    finally:
        await hub.stop()
        await services.aclose()
        await redis_client.aclose()
        await pool.close()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Loyalty API", version=__version__, lifespan=lifespan)

    @app.middleware("http")
    async def request_id(request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        response.headers["x-request-id"] = rid
        return response

    @app.exception_handler(MemberNotFound)
    async def member_not_found(_: Request, exc: MemberNotFound) -> JSONResponse:
        return JSONResponse({"detail": "member not found"}, status_code=404)

    for module in (health, members, rewards, webhooks, campaigns, admin):
        app.include_router(module.router)
    for module in (balance_socket, campaign_feed):
        app.include_router(module.router)
    return app


app = create_app()
