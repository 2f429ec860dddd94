from __future__ import annotations

import logging
import time
import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI, APIRouter
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response

from svc import auth
from svc.clients.partner import PartnerClient
from svc.clients.payments import PaymentsClient
from svc.clients.pos_api import PosApiClient
from svc.clients.sms import SmsClient
from svc.config import settings
from svc.db import pg
from svc.db.engine import dispose_engine
from svc.errors import install_error_handlers
from svc.redis_client import close_redis, get_redis
from svc.repositories.tables import TableRepository
from svc.routers import admin, bookings, floor, guests, waitlist, webhooks
from svc.services.floor import FloorEventBus, FloorPlanService
from svc.services.notification_service import NotificationService
from svc.workers.scheduler import Scheduler
from svc.ws import floor as floor_ws, feeds
from svc.ws.floor import waitlist_connections

log = logging.getLogger(__name__)


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        request.state.request_id = request_id
        started = time.perf_counter()
        try:
            response = await call_next(request)
        except Exception:
            access_log.exception("unhandled error request_id=%s %s %s", request_id, request.method, request.url.path)
            raise
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = request_id
        access_log.info(
            "%s %s %s %.1fms request_id=%s",
            request.method, request.url.path, response.status_code, elapsed_ms, request_id,
        )
        return response


health_router = APIRouter(tags=["health"])


@health_router.get("/livez")
async def livez() -> dict:
    return {"alive": True}


@health_router.get("/readyz")
async def readyz() -> dict:
    return {"status": "ok"}


async def _deliver(restaurant_id: int, event: dict) -> None:
    if event.get("kind") == "waitlist":
        await waitlist_connections.broadcast(restaurant_id, {"type": "snapshot", "entries": event["entries"]})
    else:
        await floor_ws.deliver_floor_event(restaurant_id, event)


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await pg.open_pool()
    app.state.payments = PaymentsClient()
    app.state.pos = PosApiClient()
    app.state.sms = SmsClient()
    await app.state.sms.start()
    app.state.partner = PartnerClient()
    await app.state.partner.start()
    app.state.notifier = NotificationService(app.state.sms)
    app.state.events = FloorEventBus(get_redis())
    await app.state.events.start(_deliver)
    app.state.floor_plans = FloorPlanService(TableRepository(pool), get_redis())
    scheduler = Scheduler(app.state)
    scheduler.start()
    log.info("reservations backend started (%s)", settings.environment)
    try:
        yield
    finally:
        await scheduler.stop()
        await app.state.events.stop()
        await app.state.partner.close()
        await app.state.sms.close()
        await app.state.pos.aclose()
        await app.state.payments.aclose()
        await close_redis()
        await pg.close_pool()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Reservations", lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)
    install_error_handlers(app)
    app.include_router(health_router)
    for module in (bookings, waitlist, floor, guests, webhooks, admin, auth):
        app.include_router(module.router)
    for module in (floor_ws, feeds):
        app.include_router(module.router)
    return app


app = create_app()
