import asyncpg
from fastapi import FastAPI

from .repository import StateRepository
from .service import IngestService, Result

app = FastAPI()
pool: asyncpg.Pool


@app.post("/ingest")
async def ingest(batch: list[Result]) -> dict:
    await IngestService(StateRepository(pool)).ingest(batch)
    return {}


@app.post("/ingest/deltas")
async def ingest_deltas(batch: list[Result]) -> dict:
    await IngestService(StateRepository(pool)).ingest_deltas(batch)
    return {}


@app.post("/preview")
async def preview(batch: list[Result]) -> list:
    return await IngestService(StateRepository(pool)).preview(batch)
