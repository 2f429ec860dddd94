"""Application entry point: wiring, lifespan, middleware and routers."""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc.api import fulfilment, warehouse, webhooks, ws
from svc.clients.carrier import AddressValidator, CarrierClient
from svc.clients.printer import printers_for
from svc.clients.storefront import StorefrontClient
from svc.config import get_settings
from svc.db.connections import cache_redis, create_engine, create_pg_pool, session_factory, session_redis
from svc.db.inventory_repo import InventoryRepository
from svc.db.orders_repo import OrderRepository
from svc.errors import WmsError
from svc.services.inventory import InventoryService
from svc.services.order_import import OrderImportService
from svc.services.picking import PickingService
from svc.services.realtime import FloorBroadcaster, ScannerHub, StationRegistry
from svc.services.returns import ReturnsService
from svc.services.shipping import ShippingService
from svc.storage import PhotoStore
from svc.workers.replenishment import ReplenishmentWorker
from svc.workers.scheduled import CycleCountScheduler, ManifestCloser

logger = logging.getLogger("svc")

REQUEST_TIMEOUT_S = 30.0


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    pool = await create_pg_pool(settings)
    engine = create_engine(settings)
    sessions = session_factory(engine)
    redis = cache_redis(settings)
    scanner_sessions = session_redis(settings)
    carrier = CarrierClient(settings)
    storefront = StorefrontClient(settings)
    await storefront.start()
    photos = PhotoStore(settings.photo_store_url)

    stock = InventoryRepository(pool, settings.db_acquire_timeout)
    orders = OrderRepository(pool, settings.db_acquire_timeout)
    inventory = InventoryService(stock)
    stations = StationRegistry()
    floor = FloorBroadcaster(redis)
    scanner_hub = ScannerHub(scanner_sessions, stock, settings.max_scanner_connections, settings.scanner_idle_timeout_s)

    app.state.sessions = sessions
    app.state.redis = redis
    app.state.inventory_repo = stock
    app.state.orders_repo = orders
    app.state.inventory = inventory
    app.state.stations = stations
    app.state.floor = floor
    app.state.scanner_hub = scanner_hub
    app.state.picking = PickingService(sessions, orders, stock, inventory)
    printers = printers_for(settings.station_printers, settings.label_printer_port)
    app.state.shipping = ShippingService(carrier, printers, orders, storefront, redis, stations)
    app.state.returns = ReturnsService(sessions, photos, settings.photo_dir)
    app.state.order_import = OrderImportService(orders, storefront, AddressValidator(settings), redis)

    background = [
        asyncio.create_task(ReplenishmentWorker(stock, redis, settings.replenish_interval_s).run_forever()),
        asyncio.create_task(CycleCountScheduler(stock, redis, settings.cycle_count_interval_s).run()),
        asyncio.create_task(ManifestCloser(carrier, orders, settings.manifest_carriers).run()),
        asyncio.create_task(floor.listen()),
        asyncio.create_task(floor.pump()),
        asyncio.create_task(scanner_hub.audit_loop()),
    ]
    try:
        yield
    finally:
        scanner_hub.stop()
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await carrier.aclose()
        await storefront.close()
        await photos.aclose()
        await redis.aclose()
        await scanner_sessions.aclose()
        await pool.close()
        await engine.dispose()


app = FastAPI(title="Fulfilment WMS", lifespan=lifespan)
app.include_router(warehouse.router)
app.include_router(fulfilment.router)
app.include_router(webhooks.router)
app.include_router(webhooks.admin_router)
app.include_router(ws.router)


@app.middleware("http")
async def request_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    started = time.perf_counter()
    try:
        response = await asyncio.wait_for(call_next(request), timeout=REQUEST_TIMEOUT_S)
    except asyncio.TimeoutError:
        logger.warning("request %s %s timed out [%s]", request.method, request.url.path, request_id)
        return JSONResponse({"error": "timeout", "request_id": request_id}, status_code=504)
    response.headers["x-request-id"] = request_id
    elapsed_ms = (time.perf_counter() - started) * 1000
    logger.info("%s %s %d %.1fms [%s]", request.method, request.url.path, response.status_code, elapsed_ms, request_id)
    return response


@app.exception_handler(WmsError)
async def wms_error_handler(request: Request, exc: WmsError) -> JSONResponse:
    return JSONResponse({"error": exc.code, "message": exc.message, **exc.detail}, status_code=exc.status_code)


@app.get("/health")
async def health() -> dict[str, str]:
    """Probed by the load balancer before it routes traffic to this instance."""
    return {"status": "ok"}
