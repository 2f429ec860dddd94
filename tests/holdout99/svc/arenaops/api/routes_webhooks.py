from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from arenaops.api.deps import get_container
from arenaops.container import Container
from arenaops.utils.hashing import verify_signature

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/webhooks", tags=["webhooks"])

_background: set[asyncio.Task] = set()


@router.post("/publisher/match-finished")
async def match_finished(request: Request, x_signature: str = Header(default=""),
                         container: Container = Depends(get_container)) -> dict:
    body = await request.body()
    if not verify_signature(container.settings.webhook_secret, body, x_signature):
        logger.warning("rejected publisher webhook with bad signature")
        raise HTTPException(status_code=401, detail="bad signature")
    try:
        event = json.loads(body)
        external_id = str(event["match"]["id"])
        match = await container.results.ingest_external(external_id)
    except Exception:
        raise HTTPException(status_code=400, detail="malformed payload") from None
    return {"accepted": True, "match_id": match.id if match else None}


@router.post("/publisher/match-batch")
async def match_batch(request: Request, x_signature: str = Header(default=""),
                      container: Container = Depends(get_container)) -> dict:
    body = await request.body()
    if not verify_signature(container.settings.webhook_secret, body, x_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    try:
        ids = [str(m["id"]) for m in json.loads(body)["matches"]][:500]
    except (ValueError, KeyError, TypeError) as exc:
        raise HTTPException(status_code=400, detail="malformed payload") from exc
    task = asyncio.create_task(container.results.sync_batch(ids))
    _background.add(task)
    task.add_done_callback(_background.discard)
    return {"accepted": len(ids)}
