from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request
from pydantic import BaseModel

from meter.service import MeteringService


class Batch(BaseModel):
    batch_id: str
    tenant: str
    events: list[dict]


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://meter@db/meter", command_timeout=10)
    app.state.metering = MeteringService(pool)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/v1/batches")
async def push_batch(batch: Batch, request: Request) -> dict:
    metering: MeteringService = request.app.state.metering
    if metering.already_ingested(batch.batch_id):
        return {"batch_id": batch.batch_id, "duplicate": True}
    plan = await metering.plan(batch.tenant)
    for event in batch.events:
        if event.get("route") not in plan.get("routes", ()):
            metering.warn_unknown_route(str(event.get("route")))
    return {"batch_id": batch.batch_id, "accepted": await metering.ingest(batch.tenant, batch.events)}
