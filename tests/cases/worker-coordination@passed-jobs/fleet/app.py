from contextlib import asynccontextmanager

import asyncpg
import httpx
from fastapi import FastAPI

from fleet.jobs import TelemetryImporter, recompute_scores, settle_ledger
from fleet.runtime import TaskPool, interval


@asynccontextmanager
async def lifespan(app: FastAPI):
    db = await asyncpg.create_pool("postgresql://fleet@db/fleet", command_timeout=30)
    client = httpx.AsyncClient(timeout=10)
    pool = TaskPool()
    pool.launch("scores", interval(300, lambda: recompute_scores(db)))
    pool.launch("telemetry", TelemetryImporter(db, client).run)
    pool.launch("ledger", interval(60, lambda: settle_ledger(db)))
    yield
    pool.close()
    await client.aclose()
    await db.close()


app = FastAPI(lifespan=lifespan)
