"""Walk-in waitlist endpoints for hosts and the guest status page."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, WebSocket, WebSocketDisconnect, status
from pydantic import BaseModel, Field

from svc.cache import RedisRateLimiter
from svc.deps import HostPrincipal, get_join_limiter, get_waitlist_service, require_host
from svc.realtime.hub import WaitlistFeed
from svc.services.waitlist import WaitlistService

logger = logging.getLogger(__name__)
router = APIRouter(tags=["waitlist"])


class JoinRequest(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    phone: str = Field(pattern=r"^\+[1-9]\d{6,14}$")
    party_size: int = Field(ge=1, le=20)


class NotifyRequest(BaseModel):
    message: str | None = Field(default=None, max_length=300)


@router.post("/venues/{venue_id}/waitlist", status_code=201)
async def join(
    venue_id: int,
    body: JoinRequest,
    host: HostPrincipal = Depends(require_host),
    waitlist: WaitlistService = Depends(get_waitlist_service),
    limiter: RedisRateLimiter = Depends(get_join_limiter),
) -> dict[str, Any]:
    if venue_id not in host.venue_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "not a host of this venue")
    await limiter.hit(f"waitlist-join:{body.phone}")
    return await waitlist.join(venue_id, body.name, body.phone, body.party_size)


@router.post("/waitlist/{entry_id}/notify", status_code=204)
async def notify(entry_id: int, body: NotifyRequest, host: HostPrincipal = Depends(require_host), waitlist: WaitlistService = Depends(get_waitlist_service)) -> None:
    await waitlist.notify(entry_id, body.message)


@router.post("/venues/{venue_id}/waitlist/next")
async def notify_next(venue_id: int, host: HostPrincipal = Depends(require_host), waitlist: WaitlistService = Depends(get_waitlist_service)) -> dict[str, Any]:
    entry = await waitlist.notify_next(venue_id)
    return {"notified": entry}


@router.put("/venues/{venue_id}/waitlist/order", status_code=204)
async def reorder(venue_id: int, ordered_ids: list[int], host: HostPrincipal = Depends(require_host), waitlist: WaitlistService = Depends(get_waitlist_service)) -> None:
    if venue_id not in host.venue_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "not a host of this venue")
    await waitlist.reorder(venue_id, ordered_ids)


@router.post("/venues/{venue_id}/waitlist/delay")
async def announce_delay(venue_id: int, minutes: int, host: HostPrincipal = Depends(require_host), waitlist: WaitlistService = Depends(get_waitlist_service)) -> dict[str, int]:
    return {"sent": await waitlist.announce_delay(venue_id, minutes)}


@router.get("/waitlist/{entry_id}")
async def status_page(entry_id: int, t: str, waitlist: WaitlistService = Depends(get_waitlist_service)) -> dict[str, Any]:
    if not waitlist.verify_token(entry_id, t):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "invalid link")
    return await waitlist.status(entry_id)


@router.websocket("/ws/waitlist/{entry_id}")
async def waitlist_status_ws(websocket: WebSocket, entry_id: int) -> None:
    feed: WaitlistFeed = websocket.app.state.waitlist_feed
    await websocket.accept()
    try:
        async with feed.subscription(entry_id) as pubsub:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=15.0)
                if message is None:
                    await websocket.send_json({"type": "heartbeat"})
                    continue
                await websocket.send_text(message["data"].decode())
    except WebSocketDisconnect:
        logger.debug("waitlist viewer for entry %s left", entry_id)
