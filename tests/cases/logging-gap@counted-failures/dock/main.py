"""Starts the dock jobs next to the API."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from dock.carriers import CarrierApi
from dock.jobs import DockJobs


@asynccontextmanager
async def lifespan(app: FastAPI):
    jobs = DockJobs(CarrierApi("https://carriers.internal"), ["ups", "dhl"])
    task = asyncio.create_task(jobs.run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
