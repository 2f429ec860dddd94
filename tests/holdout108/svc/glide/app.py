from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, WebSocketRoute

from glide.api import admin, damage, fines, health, riders, rides, tasks, vehicles, wallet, webhooks, zones
from glide.api.http import EXCEPTION_HANDLERS, ApiRateLimitMiddleware, RequestContextMiddleware
from glide.api.ws_crew import crew_channel
from glide.api.ws_map import operator_map
from glide.api.ws_ride import live_ride
from glide.api.ws_vehicle import follow_vehicle
from glide.container import build_container
from glide.core.tasks import supervise
from glide.models import ZoneKind
from glide.repositories.zones import ZoneRepository
from glide.settings import configure_logging, get_settings
from glide.workers.reminders import reminder_loop
from glide.workers.stale_rides import stale_ride_loop

log = logging.getLogger(__name__)

CITIES = (1, 2, 3)


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    configure_logging()
    c = build_container(get_settings())
    app.state.container = c
    await c.geofence.load_boundary()
    async with c.sessions() as session:
        repo = ZoneRepository(session)
        for city_id in CITIES:
            c.geofence.set_zones(city_id, await repo.list_active(city_id, list(ZoneKind)))
    app.state.writer_task = asyncio.create_task(c.telemetry.run_writer())
    c.background.spawn(supervise("map-hub", c.map_hub.run), name="map-hub")
    c.background.spawn(reminder_loop(c), name="fine-reminders")
    c.background.spawn(stale_ride_loop(c), name="stale-rides")
    try:
        yield
    finally:
        app.state.writer_task.cancel()
        await c.aclose()


def create_app() -> Starlette:
    routes = [
        *health.routes,
        Mount(
            "/v1",
            routes=[
                *riders.routes,
                *rides.routes,
                *wallet.routes,
                *vehicles.routes,
                *zones.routes,
                *fines.routes,
                *damage.routes,
                *tasks.routes,
                *admin.routes,
            ],
        ),
        *webhooks.routes,
        WebSocketRoute("/ws/ops/map", operator_map),
        WebSocketRoute("/ws/ops/vehicles/{qr}", follow_vehicle),
        WebSocketRoute("/ws/ride", live_ride),
        WebSocketRoute("/ws/crew", crew_channel),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(RequestContextMiddleware), Middleware(ApiRateLimitMiddleware)],
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan,
    )


app = create_app()
