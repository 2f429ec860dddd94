"""API process; the nightly close runs next to it."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from yard.freight import CustomsBroker, FreightCarrier
from yard.nightly import NightlyClose

carrier = FreightCarrier("https://carrier.internal")


@asynccontextmanager
async def lifespan(app: FastAPI):
    closer = NightlyClose(carrier, CustomsBroker("https://customs.internal"), ["north", "south"])
    task = asyncio.create_task(closer.run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/bookings/{ref}")
async def book(ref: str) -> dict:
    return await carrier.book(ref)
