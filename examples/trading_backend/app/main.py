"""ASGI entry point: ``uvicorn app.main:app``."""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Awaitable, Callable

import redis.asyncio as redis
from fastapi import FastAPI, Request, Response, status
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from app import __version__
from app.config import settings
from app.database import DataManager, create_pool
from app.routes import admin, alerts, market, orders, positions
from app.services.order_service import OrderService
from app.services.portfolio_service import PortfolioService
from app.services.risk import RiskEngine
from app.services.ticker_client import TickerClient
from app.websocket import orders_ws, prices_ws
from app.workers.alert_worker import AlertWorker
from app.workers.order_cleanup_worker import OrderCleanupWorker
from app.workers.price_poller import PricePoller

logging.basicConfig(
    level=logging.DEBUG if settings.debug else logging.INFO,
    format="%(asctime)s %(levelname)s %(name)s: %(message)s",
)
logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
SLOW_REQUEST_MS = 500


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    pool = await create_pool(settings.database_url)
    redis_client = redis.from_url(settings.redis_url, decode_responses=True)
    dm = DataManager(pool)
    ticker = TickerClient(settings.ticker_service_url)
    risk_engine = RiskEngine(dm)

    app.state.dm = dm
    app.state.redis = redis_client
    app.state.ticker = ticker
    app.state.order_service = OrderService(dm, redis_client, risk_engine)
    app.state.portfolio_service = PortfolioService(dm, ticker)

    price_updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    poller = PricePoller(dm, ticker, redis_client, price_updates)
    cleanup = OrderCleanupWorker(dm)
    alert_worker = AlertWorker(dm, redis_client)

    poller_task = asyncio.create_task(poller.run(), name="price-poller")
    cleanup_task = asyncio.create_task(cleanup.run(), name="order-cleanup")
    broadcaster_task = asyncio.create_task(prices_ws.broadcast_prices(price_updates), name="price-broadcaster")
    relay_task = asyncio.create_task(orders_ws.relay_order_updates(redis_client), name="order-relay")
    asyncio.create_task(alert_worker.run())
    background = [poller_task, cleanup_task, broadcaster_task, relay_task]

    logger.info("trading backend %s started (%s)", __version__, settings.environment)
    try:
        yield
    finally:
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await ticker.close()
        await redis_client.aclose()
        await pool.close()
        logger.info("shutdown complete")


app = FastAPI(title="Trading Backend", version=__version__, lifespan=lifespan)

app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)


@app.middleware("http")
async def request_timing(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    started = time.perf_counter()
    response = await call_next(request)
    elapsed_ms = (time.perf_counter() - started) * 1000
    response.headers["X-Response-Time-Ms"] = f"{elapsed_ms:.1f}"
    if elapsed_ms > SLOW_REQUEST_MS:
        logger.warning("slow request %s %s took %.0f ms", request.method, request.url.path, elapsed_ms)
    return response


@app.exception_handler(ValueError)
async def value_error_handler(request: Request, exc: ValueError) -> JSONResponse:
    logger.info("rejected %s %s: %s", request.method, request.url.path, exc)
    return JSONResponse(status_code=status.HTTP_400_BAD_REQUEST, content={"detail": str(exc)})


app.include_router(orders.router, prefix=API_PREFIX)
app.include_router(positions.router, prefix=API_PREFIX)
app.include_router(market.router, prefix=API_PREFIX)
app.include_router(alerts.router, prefix=API_PREFIX)
app.include_router(admin.router, prefix=API_PREFIX)
app.include_router(prices_ws.router)
app.include_router(orders_ws.router)


@app.get("/health", tags=["ops"])
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/ready", tags=["ops"])
async def ready(request: Request) -> JSONResponse:
    dm: DataManager = request.app.state.dm
    try:
        db_ok = await asyncio.wait_for(dm.ping(), timeout=3)
    except Exception as exc:
        logger.warning("readiness probe failed: %r", exc)
        db_ok = False
    code = status.HTTP_200_OK if db_ok else status.HTTP_503_SERVICE_UNAVAILABLE
    return JSONResponse(status_code=code, content={"status": "ready" if db_ok else "unavailable", "database": db_ok})
