from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager

from fastapi import FastAPI

from fleetwise.cache.locks import KeyedLocks
from fleetwise.cache.redis_client import create_redis
from fleetwise.clients.agents_api import AgentsClient
from fleetwise.clients.regulator_api import RegulatorClient
from fleetwise.clients.routing_api import RoutingClient
from fleetwise.clients.weather_sdk import WeatherSDK
from fleetwise.db.engine import SessionFactory, engine
from fleetwise.db.pg import create_pg_pool
from fleetwise.middleware import RedisRateLimiter, RequestIdMiddleware, UploadRateLimiter, install_error_handlers
from fleetwise.realtime.chat_rooms import ChatRooms
from fleetwise.realtime.fleet_hub import FleetHub, FleetPublisher
from fleetwise.realtime.registry import ConnectionRegistry
from fleetwise.routers import commercial, compliance, gateway, health, vessels, voyages, ws_chat, ws_fleetmap
from fleetwise.services.chat import ChatService
from fleetwise.settings import get_settings
from fleetwise.workers.cert_expiry import reminder_loop

log = logging.getLogger("fleetwise")


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    state = app.state
    state.redis = create_redis()
    state.pg = await create_pg_pool()
    state.routing = RoutingClient(settings.routing_api_url, settings.routing_api_key)
    state.agents = AgentsClient(settings.agents_api_url, settings.agents_api_token)
    state.regulator = RegulatorClient(settings.regulator_api_url, settings.regulator_token)
    state.weather = WeatherSDK(settings.weather_sdk_key)
    state.route_cache = {}
    state.locks = KeyedLocks()
    state.process_pool = ProcessPoolExecutor(max_workers=2)
    state.upload_limiter = UploadRateLimiter(settings.uploads_per_minute)
    state.chat_limiter = RedisRateLimiter(state.redis, per_minute=30)
    state.chat_rooms = ChatRooms()
    state.chat = ChatService(SessionFactory, state.redis, settings.chat_history_limit)
    state.fleet_registry = ConnectionRegistry(max_connections=500)
    state.publisher = FleetPublisher(state.redis)
    state.hub = FleetHub(state.fleet_registry, state.redis)

    relay = asyncio.create_task(state.hub.run(), name="fleet-relay")
    reminders = asyncio.create_task(reminder_loop(SessionFactory), name="cert-reminders")
    state.background = (relay, reminders)
    log.info("fleetwise started", extra={"env": settings.environment})
    try:
        yield
    finally:
        for task in state.background:
            task.cancel()
        await asyncio.gather(*state.background, return_exceptions=True)
        await state.routing.aclose()
        await state.agents.close()
        await state.regulator.aclose()
        await state.pg.close()
        await state.redis.aclose()
        await engine.dispose()
        state.process_pool.shutdown(wait=False, cancel_futures=True)


def create_app() -> FastAPI:
    app = FastAPI(title="Fleetwise", lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    for module in (health, vessels, gateway, voyages, commercial, compliance, ws_fleetmap, ws_chat):
        app.include_router(module.router)
    return app


app = create_app()
