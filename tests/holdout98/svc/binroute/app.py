from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from redis.exceptions import RedisError

from .api import health, kpi, residents, routes_api, webhooks, ws_dispatch, ws_driver
from .api.middleware import RequestIdMiddleware, ResidentRateLimitMiddleware
from .cache.locks import RouteLocks
from .cache import build_redis
from .cache.route_cache import RouteCache
from .clients.geocode import CouncilGIS, Geocoder
from .clients.lns import NetworkServerClient
from .clients.notify import Notifier
from .clients.obu_gateway import OBUGateway
from .clients.optimiser import OptimiserClient
from .clients.payments import CardProcessor
from .clients.storage import PhotoStore
from .clients.weighbridge_sdk import WeighbridgeSDK
from .db.engine import build_engine, build_sessionmaker, create_pg_pool
from .errors import BinRouteError
from .mqtt_bridge import MqttBridge
from .repositories.bins import BinLookup
from .repositories.bookings import BookingRepository
from .repositories.customers import CustomerRepository, InvoiceRepository
from .repositories.lifts import LiftRepository
from .repositories.readings import ReadingWriter
from .repositories.tickets import TicketRepository
from .services.alerts import OverflowAlerts
from .services.auth import CrewAuth
from .services.billing import BillingService
from .services.bulky import BulkyService
from .services.dispatch import DispatchService
from .services.ingest import IngestService
from .services.kpi import KpiService
from .services.livemap import LiveMapHub
from .services.missed import MissedCollectionService
from .services.planning import PlanningService
from .services.telemetry import POSITIONS_CHANNEL, TelemetryService
from .services.weighbridge import WeighbridgeService
from .settings import Settings, get_settings

logger = logging.getLogger(__name__)

OVERFLOW_SCAN_INTERVAL_S = 300


class Container:
    """Everything the API and the workers share, built once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = build_engine(settings)
        self.sessionmaker = build_sessionmaker(engine=self.engine)
        self.redis = build_redis(settings)
        self.geo_http = httpx.AsyncClient(base_url=settings.geocoder_url, timeout=5.0)
        self.optimiser = OptimiserClient(settings)
        self.payments = CardProcessor(settings)
        self.notifier = Notifier(settings)
        self.lns = NetworkServerClient(settings)
        self.storage = PhotoStore(settings)
        self.gis = CouncilGIS(settings.gis_url)
        self.auth = CrewAuth(settings.lns_webhook_secret, settings.driver_pin_salt)
        self.hub = LiveMapHub()
        self.route_locks = RouteLocks()
        self.route_cache = RouteCache(self.redis)
        self.pool = None

    async def start(self) -> None:
        s = self.settings
        self.pool = await create_pg_pool(s)
        await self.lns.start()
        t = s.pg_acquire_timeout
        self.bin_lookup = BinLookup(self.pool, t)
        self.readings = ReadingWriter(self.pool, t)
        self.lifts = LiftRepository(self.pool, t)
        self.tickets = TicketRepository(self.pool, t)
        self.ingest = IngestService(self.sessionmaker, self.readings, self.redis, s.overflow_threshold_pct)
        self.bridge = MqttBridge(s, self.ingest)
        self.planning = PlanningService(self.sessionmaker, self.readings, self.optimiser, self.route_cache,
                                        self.route_locks)
        self.dispatch = DispatchService(self.sessionmaker, self.planning, self.route_locks, self.route_cache)
        self.telemetry = TelemetryService(self.sessionmaker, self.lifts, self.bin_lookup, self.redis, self.hub)
        self.missed = MissedCollectionService(self.sessionmaker, self.storage, Geocoder(self.geo_http), self.notifier)
        self.bulky = BulkyService(BookingRepository(self.pool, t), self.payments, self.notifier, self.storage)
        self.weighbridge = WeighbridgeService(WeighbridgeSDK(s.weighbridge_host, s.weighbridge_site), self.tickets)
        self.kpi = KpiService(self.sessionmaker, self.tickets, self.pool, s.export_dir, t)
        self.alerts = OverflowAlerts(self.readings, self.redis, self.notifier, self.lns, {})
        self.billing = BillingService(CustomerRepository(self.pool, t), InvoiceRepository(self.pool, t),
                                      self.lifts, self.payments)

    async def close(self) -> None:
        await self.optimiser.aclose()
        await self.payments.aclose()
        await self.notifier.aclose()
        await self.geo_http.aclose()
        await self.lns.close()
        if self.pool is not None:
            await self.pool.close()
        await self.redis.aclose()
        await self.engine.dispose()


async def relay_positions(container: Container) -> None:
    """Each replica relays the shared position channel to its own dispatcher sessions."""
    while True:
        pubsub = container.redis.pubsub()
        try:
            await pubsub.subscribe(POSITIONS_CHANNEL)
            async for message in pubsub.listen():
                if message["type"] != "message":
                    continue
                fix = json.loads(message["data"])
                container.hub.broadcast(fix.get("depot_id", ""), {"type": "position", **fix})
        except RedisError as exc:
            logger.warning("position relay lost redis (%s); resubscribing", exc)
            await asyncio.sleep(2)
        finally:
            await pubsub.aclose()


async def consume_obu(container: Container) -> None:
    gateway = OBUGateway(container.settings.obu_gateway_host, container.settings.obu_gateway_port)
    backoff = 1.0
    while True:
        try:
            async for event in gateway.events():
                await container.telemetry.handle(event)
                backoff = 1.0
        except (OSError, asyncio.TimeoutError) as exc:
            logger.warning("OBU gateway stream lost (%s); reconnecting in %.0fs", exc, backoff)
        await asyncio.sleep(backoff)
        backoff = min(backoff * 2, 30.0)


async def overflow_monitor(container: Container) -> None:
    while True:
        try:
            await container.alerts.scan(container.settings.overflow_threshold_pct)
        except Exception:
            logger.exception("overflow scan failed")
        await asyncio.sleep(OVERFLOW_SCAN_INTERVAL_S)


@asynccontextmanager
async def lifespan(app: FastAPI):
    container = Container(get_settings())
    await container.start()
    app.state.container = container
    tasks: set[asyncio.Task] = set()

    def spawn(coro, name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    spawn(container.bridge.run(), "mqtt-bridge")
    spawn(consume_obu(container), "obu-consumer")
    spawn(relay_positions(container), "position-relay")
    spawn(overflow_monitor(container), "overflow-monitor")
    try:
        yield
    finally:
        for task in list(tasks):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*tasks, return_exceptions=True)
        await container.close()


def create_app() -> FastAPI:
    app = FastAPI(title="binroute", lifespan=lifespan)
    app.add_middleware(ResidentRateLimitMiddleware)
    app.add_middleware(RequestIdMiddleware)

    @app.exception_handler(BinRouteError)
    async def _domain_error(request: Request, exc: BinRouteError) -> JSONResponse:
        return JSONResponse({"error": exc.code, "detail": exc.message}, status_code=exc.status_code)

    for module in (health, webhooks, routes_api, residents, kpi, ws_dispatch, ws_driver):
        app.include_router(module.router)
    return app


app = create_app()
