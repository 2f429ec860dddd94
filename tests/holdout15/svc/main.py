"""Application entry point: lifespan wiring, middleware, routers."""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc.api import admin, couriers, orders, realtime, restaurants
from svc.api.deps import build_order_service
from svc.clients.geo import MapsClient
from svc.clients.payments import PaymentsClient
from svc.clients.printer import TicketPrinter
from svc.clients.sms import SmsClient
from svc.config import get_settings
from svc.db.session import SessionFactory, engine
from svc.db.stores import Database, create_events_redis, create_redis
from svc.errors import FoodlyError
from svc.realtime.tracking import TrackingHub
from svc.repositories.couriers import CourierRepository
from svc.repositories.orders import OrderRepository, PayoutRepository
from svc.repositories.restaurants import RestaurantRepository
from svc.services.dispatch import DeliveryZones, DispatchService, load_zones
from svc.services.notifications import Notifier
from svc.workers.kitchen import KitchenTicketDispatcher, alert_unprinted
from svc.workers.locations import LocationBuffer, flush_positions
from svc.workers.scheduler import cancel_stale_orders, run_payouts

logger = logging.getLogger("foodly")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    db = Database(
        settings.database_dsn,
        min_size=settings.db_pool_min,
        max_size=settings.db_pool_max,
        acquire_timeout=settings.db_acquire_timeout,
    )
    await db.connect()
    redis = create_redis(settings)
    events_redis = create_events_redis(settings)
    http = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0), limits=httpx.Limits(max_connections=100))
    pos_http = httpx.AsyncClient(base_url=settings.pos_base_url, timeout=3.0)
    sms = SmsClient(settings)
    await sms.start()
    payments = PaymentsClient(settings)
    printer = TicketPrinter(settings.ticket_printer)
    orders_repo = OrderRepository(db)

    app.state.db = db
    app.state.redis = redis
    app.state.events_redis = events_redis
    app.state.pos_http = pos_http
    app.state.payments = payments
    app.state.printer = printer
    app.state.notifier = Notifier(sms, http)
    app.state.kitchen = KitchenTicketDispatcher(db, orders_repo, printer)
    maps = MapsClient(settings.maps_base_url, settings.maps_api_key)
    zones = DeliveryZones(await asyncio.to_thread(load_zones))
    app.state.dispatch = DispatchService(
        CourierRepository(db), orders_repo, RestaurantRepository(db), redis, sms, maps, zones
    )
    app.state.tracking = TrackingHub(events_redis, settings.tracking_max_connections)
    app.state.locations = LocationBuffer()
    app.state.courier_slots = asyncio.Semaphore(settings.courier_max_connections)

    stale_orders = cancel_stale_orders(
        orders_repo, SessionFactory, partial(build_order_service, app.state), settings.stale_order_minutes
    )
    workers = [
        asyncio.create_task(app.state.tracking.run(), name="tracking-relay"),
        asyncio.create_task(app.state.kitchen.run(), name="kitchen-printer"),
        asyncio.create_task(flush_positions(app.state.locations, db, redis), name="position-flush"),
        asyncio.create_task(alert_unprinted(db, orders_repo), name="unprinted-alerts"),
        asyncio.create_task(stale_orders, name="stale-orders"),
        asyncio.create_task(run_payouts(redis, PayoutRepository(db)), name="payouts"),
    ]
    logger.info("foodly started", extra={"environment": settings.environment})
    try:
        yield
    finally:
        app.state.kitchen.stop()
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        await http.aclose()
        await pos_http.aclose()
        await payments.aclose()
        await sms.close()
        await redis.aclose()
        await events_redis.aclose()
        await db.close()
        await engine.dispose()


app = FastAPI(title="Foodly", lifespan=lifespan)


@app.middleware("http")
async def request_context(request: Request, call_next) -> Response:
    request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
    started = time.perf_counter()
    response = await call_next(request)
    response.headers["X-Request-Id"] = request_id
    logger.info(
        "%s %s -> %s in %.1f ms",
        request.method,
        request.url.path,
        response.status_code,
        (time.perf_counter() - started) * 1000,
        extra={"request_id": request_id},
    )
    return response


@app.exception_handler(FoodlyError)
async def foodly_error(request: Request, exc: FoodlyError) -> JSONResponse:
    return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "message": exc.message})


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


app.include_router(restaurants.router)
app.include_router(orders.router)
app.include_router(couriers.router)
app.include_router(realtime.router)
app.include_router(admin.router)
