"""WebSocket endpoints for the live spend dashboard and the ops bid feed."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from adbid.auth import _check_api_key
from adbid.config import get_settings
from adbid.db.engine import SessionLocal
from adbid.db.models import Advertiser
from adbid.repositories.advertisers import AdvertiserRepository
from adbid.repositories.campaigns import CampaignRepository
from adbid.services import bidder

log = logging.getLogger(__name__)

router = APIRouter()


async def _authenticate(websocket: WebSocket) -> Advertiser | None:
    key = websocket.headers.get("x-api-key") or websocket.query_params.get("key")
    if not key:
        return None
    async with SessionLocal() as session:
        advertiser = await AdvertiserRepository(session).get_by_key_prefix(key.split(".", 1)[0])
    if advertiser is None:
        return None
    if not await asyncio.to_thread(_check_api_key, key, advertiser.api_key_hash):
        return None
    return advertiser


@router.websocket("/ws/spend")
async def spend_stream(websocket: WebSocket) -> None:
    advertiser = await _authenticate(websocket)
    if advertiser is None:
        await websocket.close(code=4401)
        return
    hub = websocket.app.state.hub
    await websocket.accept()
    if not await hub.connect(advertiser.id, websocket):
        await websocket.close(code=4429, reason="too many dashboard connections")
        return
    idle = get_settings().dashboard_idle_timeout_s
    try:
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive_text(), timeout=idle)
            except asyncio.TimeoutError:
                await websocket.close(code=4408, reason="idle")
                break
            if message == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        pass
    finally:
        await hub.disconnect(advertiser.id, websocket)


@router.websocket("/ws/campaigns/{campaign_id}")
async def campaign_stream(websocket: WebSocket, campaign_id: int) -> None:
    advertiser = await _authenticate(websocket)
    if advertiser is None:
        await websocket.close(code=4401)
        return
    async with SessionLocal() as session:
        campaign = await CampaignRepository(session).get(campaign_id)
    if campaign is None or campaign.advertiser_id != advertiser.id:
        await websocket.close(code=4404)
        return
    hub = websocket.app.state.hub
    await websocket.accept()
    hub.watch_campaign(campaign_id, websocket)
    while True:
        text = await websocket.receive_text()
        if text == "ping":
            await websocket.send_text("pong")


@router.websocket("/ws/ops/bids")
async def bid_feed(ws: WebSocket) -> None:
    await ws.accept()
    try:
        while True:
            await ws.send_json(bidder.stats())
            await asyncio.sleep(1.0)
    except (WebSocketDisconnect, RuntimeError):
        log.debug("bid feed client left")
