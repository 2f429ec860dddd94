"""ASGI application factory."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from prometheus_client import make_asgi_app

from svc.clients.node_client import EthereumNodeClient
from svc.clients.price_client import PriceClient
from svc.clients.signer_client import SignerClient
from svc.clients.webhook_client import WebhookClient
from svc.config import get_settings
from svc.db import pg
from svc.db.engine import dispose_engine, init_engine
from svc.redis_client import close_redis, init_redis
from svc.repositories.ledger import LedgerRepository
from svc.routers import addresses, admin, balances, deposits, health, prices, withdrawals
from svc.services.compliance_service import ComplianceClient, ComplianceService
from svc.services.notification_service import NotificationService
from svc.services.signer_service import SignerService
from svc.services.valuation_service import ValuationService
from svc.utils.observability import LATENCY, REQUESTS, configure_logging, new_request_id, request_id
from svc.ws import endpoints as ws_endpoints
from svc.ws.hub import relay_events

log = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    init_engine(settings)
    app.state.pg_pool = await pg.open_pool(settings)
    app.state.redis = init_redis(settings)

    app.state.signer = SignerClient(settings)
    await app.state.signer.start()
    app.state.prices = PriceClient(settings)
    app.state.eth_node = EthereumNodeClient(settings.node_urls["eth"])

    app.state.notifier = NotificationService(app.state.redis, WebhookClient(settings.webhook_signing_secret))
    app.state.ledger_repo = LedgerRepository(app.state.pg_pool)
    app.state.compliance = ComplianceService(ComplianceClient(settings))
    app.state.valuation = ValuationService(app.state.prices, app.state.redis, settings.price_cache_ttl_s)
    app.state.signer_service = SignerService(app.state.signer, app.state.eth_node, settings)

    relay = asyncio.create_task(relay_events(app.state.redis), name="ws-relay")
    log.info("%s started (%s)", settings.service_name, settings.environment)
    try:
        yield
    finally:
        relay.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await relay
        await app.state.signer.close()
        await app.state.prices.aclose()
        await app.state.eth_node.aclose()
        await close_redis()
        await pg.close_pool()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Custody API", lifespan=lifespan)

    @app.middleware("http")
    async def observe(request: Request, call_next):
        rid = request.headers.get("x-request-id")
        if rid:
            request_id.set(rid)
        else:
            rid = new_request_id()
        route = request.scope.get("route")
        started = time.perf_counter()
        response = await call_next(request)
        path = getattr(request.scope.get("route"), "path", request.url.path) if route is None else route.path
        REQUESTS.labels(path, str(response.status_code)).inc()
        LATENCY.labels(path).observe(time.perf_counter() - started)
        response.headers["x-request-id"] = rid
        return response

    for module in (health, addresses, deposits, withdrawals, balances, admin, prices):
        app.include_router(module.router)
    app.include_router(ws_endpoints.router)
    app.mount("/metrics", make_asgi_app())
    return app


app = create_app()
