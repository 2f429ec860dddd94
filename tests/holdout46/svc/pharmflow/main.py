"""Application factory and lifespan."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .cache.reference import DrugCatalog, FormularyCache
from .clients.courier import dispatch_client
from .clients.pbm import PBMClient
from .clients.registry import RegistryClient
from .config import get_settings
from .db.engine import engine
from .db.pg import close_pool, ensure_schema, open_pool
from .redis_client import redis_conn
from .routers import admin, claims, deliveries, inventory, pharmacy, prescriptions
from .services import audit
from .workers.scheduler import WorkerSet
from .ws import dashboard, delivery
from .ws.hub import PharmacyHub, TrackingHub

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    pg = await open_pool(settings.raw_dsn)
    async with pg.acquire() as conn:
        await ensure_schema(conn)
    app.state.pbm = PBMClient(settings)
    app.state.registry = RegistryClient(settings)
    app.state.formulary = FormularyCache(app.state.pbm)
    app.state.catalog = DrugCatalog("https://catalog.example.com")
    app.state.tracking_hub = TrackingHub()
    app.state.pharmacy_hub = PharmacyHub(redis_conn)
    await app.state.pharmacy_hub.start()
    app.state.workers = WorkerSet(app.state.tracking_hub)
    app.state.workers.start()
    try:
        yield
    finally:
        await app.state.workers.stop()
        await app.state.pharmacy_hub.stop()
        await audit.drain()
        await app.state.pbm.aclose()
        await app.state.registry.close()
        await dispatch_client.aclose()
        await redis_conn.aclose()
        await close_pool()
        await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="pharmflow", lifespan=lifespan)
    for module in (prescriptions, pharmacy, inventory, claims, deliveries, admin):
        app.include_router(module.router)
    app.include_router(admin.health_router)
    for module in (delivery, dashboard):
        app.include_router(module.router)
    return app


app = create_app()
