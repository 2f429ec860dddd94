"""HTTP API process: `uvicorn svc.main:app`."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from svc import errors
from svc.api import admin, drivers, health, rides, webhooks
from svc.api.deps import surge_service
from svc.cache.redis import cache, close_clients
from svc.clients.fraud import fraud
from svc.clients.maps import maps
from svc.clients.payments import payment_provider
from svc.db.engine import dispose_engine
from svc.db.locations import locations
from svc.jobs.sweeper import run_sweeper
from svc.services.surge import run_surge_loop

log = logging.getLogger("svc")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await payment_provider.start()
    await locations.open()
    stop = asyncio.Event()
    surge_task = asyncio.create_task(run_surge_loop(surge_service), name="surge-loop")
    sweeper_task = asyncio.create_task(run_sweeper(cache, stop), name="ride-sweeper")
    try:
        yield
    finally:
        stop.set()
        surge_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await surge_task
        await asyncio.wait_for(sweeper_task, timeout=10)
        await maps.aclose()
        await fraud.aclose()
        await payment_provider.close()
        await locations.close()
        await close_clients()
        await dispose_engine()


app = FastAPI(title="dispatch-api", lifespan=lifespan)
errors.install_handlers(app)
app.include_router(health.router)
app.include_router(rides.router)
app.include_router(drivers.router)
app.include_router(webhooks.router)
app.include_router(admin.router)
