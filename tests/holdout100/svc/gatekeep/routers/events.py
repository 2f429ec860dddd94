from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from ..container import Container
from ..deps import current_operator, get_container
from ..middleware import RedisRateLimiter
from ..services.ingestion import ingest_stats
from ..utils.hashing import decode_batch

router = APIRouter(prefix="/events", tags=["events"])

BATCHES_PER_MINUTE = 120


@router.post("/batch", status_code=202)
async def upload_batch(
    request: Request,
    x_controller_serial: str = Header(...),
    container: Container = Depends(get_container),
) -> dict:
    limiter = RedisRateLimiter(container.redis, "event-batch", BATCHES_PER_MINUTE)
    if not await limiter.allow(x_controller_serial):
        raise HTTPException(429, "too many batches from this controller")
    raw = await request.body()
    settings = container.settings
    records = await asyncio.to_thread(decode_batch, raw, settings.ingest_hmac_key, settings.event_batch_max)
    for record in records:
        record.setdefault("serial", x_controller_serial)
    accepted = await container.ingestion.ingest(records, source=f"http:{x_controller_serial}")
    return {"received": len(records), "accepted": accepted}


@router.get("/stats", dependencies=[Depends(current_operator)])
async def stats() -> dict:
    return ingest_stats()
