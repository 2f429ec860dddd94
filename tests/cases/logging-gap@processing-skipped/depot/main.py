"""Depot API: scans are queued and persisted by a background consumer."""
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from depot.ingest import ScanIngestor


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://db/depot", command_timeout=30)
    app.state.ingestor = ScanIngestor(pool)
    app.state.ingestor.start()
    yield
    await app.state.ingestor.stop()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/scans")
async def scans(events: list[dict]) -> dict:
    return {"queued": await app.state.ingestor.submit(events)}
