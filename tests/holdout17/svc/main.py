"""Application entry point: wiring, lifespan, middleware and health endpoints."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc.api import merchants, routing, shipments, tracking
from svc.api.deps import PublicRateLimiter
from svc.cache import TrackingCache, create_redis
from svc.clients.address import AddressValidator
from svc.clients.carrier import CarrierClient
from svc.clients.geocoder import Geocoder
from svc.clients.swiftpost import SwiftpostClient
from svc.config import get_settings
from svc.db.database import Database, build_engine, build_sessionmaker
from svc.errors import ParcelError
from svc.repositories.scans import ScanRepository
from svc.repositories.shipments import ShipmentRepository
from svc.services.labels import LabelService
from svc.services.live import LiveHub
from svc.services.routing import PostcodeZones, RoutePlanner
from svc.services.shipments import ShipmentService, TrackingNumberAllocator
from svc.services.tracking import SmsNotifier, TrackingService
from svc.services.webhooks import WebhookSender, WebhookService
from svc.storage import LabelStore
from svc.workers.polling import WatchedShipmentPoller
from svc.workers.reconciliation import NightlyReconciliation, NightlyScheduler
from svc.workers.scan_ingest import ScanIngestor
from svc.workers.webhook_dispatcher import WebhookDispatcher

logger = logging.getLogger("svc")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    db = await Database.connect(settings)
    engine = build_engine(settings)
    sessionmaker = build_sessionmaker(engine)
    redis_client = create_redis(settings)
    cpu_pool = ProcessPoolExecutor(max_workers=2)

    carrier = CarrierClient(settings.carrier_base_url, settings.carrier_api_key)
    swiftpost = SwiftpostClient(settings.swiftpost_base_url, settings.swiftpost_token)
    await swiftpost.start()
    address = AddressValidator(settings.address_service_url)
    sender = WebhookSender(settings.webhook_timeout_s)

    shipment_repo, scan_repo = ShipmentRepository(db), ScanRepository(db)
    hub = LiveHub(redis_client, settings.ws_max_connections)
    cache = TrackingCache(redis_client, settings.tracking_cache_ttl_s)
    sms = SmsNotifier(settings.sms_gateway_url, settings.sms_api_key)
    carriers = {CarrierClient.code: carrier, SwiftpostClient.code: swiftpost}
    tracking_service = TrackingService(shipment_repo, scan_repo, cache, carriers, hub, sms)
    webhook_service = WebhookService(sessionmaker)
    ingestor = ScanIngestor(shipment_repo, scan_repo, tracking_service, webhook_service, redis_client)
    dispatcher = WebhookDispatcher(db, sender, settings.webhook_concurrency, settings.webhook_max_attempts)
    poller = WatchedShipmentPoller(redis_client, shipment_repo, carrier, hub, settings.poll_interval_s)
    reconciliation = NightlyReconciliation(db, shipment_repo, carrier, tracking_service)
    scheduler = NightlyScheduler(reconciliation, settings.reconciliation_hour_utc)

    app.state.db = db
    app.state.sessionmaker = sessionmaker
    app.state.redis = redis_client
    app.state.hub = hub
    app.state.public_limiter = PublicRateLimiter(settings.public_tracking_rate_per_min)
    app.state.tracking_service = tracking_service
    app.state.webhook_service = webhook_service
    app.state.scan_ingestor = ingestor
    app.state.shipment_service = ShipmentService(
        shipment_repo, scan_repo, carrier, swiftpost, address, Geocoder(settings.geocoder_url), TrackingNumberAllocator(db)
    )
    app.state.label_service = LabelService(shipment_repo, LabelStore(settings.label_dir))
    app.state.route_planner = RoutePlanner(sessionmaker, shipment_repo, PostcodeZones(settings.postcode_db_path), cpu_pool)

    stop = asyncio.Event()
    background = [
        asyncio.create_task(hub.listen(), name="live-hub"),
        asyncio.create_task(dispatcher.run_forever(stop), name="webhook-dispatcher"),
        asyncio.create_task(poller.run_forever(stop), name="watched-poller"),
    ]
    ingestor.start()
    scheduler.start()
    logger.info("parcel service started (%s)", settings.environment)
    try:
        yield
    finally:
        stop.set()
        await scheduler.stop()
        await ingestor.stop()
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await asyncio.gather(carrier.aclose(), swiftpost.close(), sender.aclose(), return_exceptions=True)
        address.close()
        await redis_client.aclose()
        await db.close()
        await engine.dispose()
        cpu_pool.shutdown(wait=False, cancel_futures=True)


app = FastAPI(title="Parcel tracking", lifespan=lifespan)
app.include_router(shipments.router)
app.include_router(tracking.router)
app.include_router(routing.router)
app.include_router(merchants.router)


@app.middleware("http")
async def request_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    started = time.perf_counter()
    try:
        response = await asyncio.wait_for(call_next(request), timeout=get_settings().request_timeout_s)
    except asyncio.TimeoutError:
        logger.error("request %s %s timed out (id=%s)", request.method, request.url.path, request_id)
        return JSONResponse({"error": "timeout", "request_id": request_id}, status_code=504)
    response.headers["X-Request-ID"] = request_id
    elapsed_ms = (time.perf_counter() - started) * 1000
    logger.info("%s %s -> %d in %.1f ms (id=%s)", request.method, request.url.path, response.status_code, elapsed_ms, request_id)
    return response


@app.exception_handler(ParcelError)
async def parcel_error_handler(request: Request, exc: ParcelError) -> JSONResponse:
    return JSONResponse({"error": exc.code, "message": exc.message, "details": exc.details}, status_code=exc.status_code)


@app.get("/health/live", include_in_schema=False)
async def liveness() -> dict[str, str]:
    return {"status": "alive"}


@app.get("/health/ready", include_in_schema=False)
async def readiness(request: Request) -> dict[str, str]:
    ready = getattr(request.app.state, "db", None) is not None and getattr(request.app.state, "redis", None) is not None
    return {"status": "ready" if ready else "starting"}
