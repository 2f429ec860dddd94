"""Inbound webhooks: LPWAN network server uplinks and onboard-unit batches."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from .deps import get_container

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

MAX_OBU_BATCH = 500


def _verify(secret: str, body: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


@router.post("/lns/uplink", status_code=202)
async def lns_uplink(request: Request, x_signature: str = Header(default=""), container=Depends(get_container)):
    body = await request.body()
    if not _verify(container.settings.lns_webhook_secret, body, x_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    event = json.loads(body)
    if event.get("event") != "up":
        return {"accepted": False}
    asyncio.create_task(container.ingest.process_uplink(event))
    return {"accepted": True}


@router.post("/obu/batch", status_code=202)
async def obu_batch(request: Request, x_signature: str = Header(default=""), container=Depends(get_container)):
    body = await request.body()
    if not _verify(container.settings.lns_webhook_secret, body, x_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    events = json.loads(body)[:MAX_OBU_BATCH]
    sem = asyncio.Semaphore(8)

    async def handle(ev: dict) -> None:
        async with sem:
            await container.telemetry.handle(ev)

    await asyncio.gather(*(handle(ev) for ev in events))
    return {"accepted": len(events)}
