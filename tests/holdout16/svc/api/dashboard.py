"""Websocket endpoints for the live campaign dashboard."""
from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect, status
from sqlalchemy import select

from svc.config import settings
from svc.db.models import Campaign
from svc.deps import authenticate_ws_token, get_hub, get_pacing
from svc.services.hub import ClientState, DashboardHub
from svc.services.pacing import PacingService

logger = logging.getLogger(__name__)

router = APIRouter()


async def _owned_campaign_ids(websocket: WebSocket, advertiser_id: int) -> set[int]:
    async with websocket.app.state.sessionmaker() as session:
        result = await session.scalars(select(Campaign.id).where(Campaign.advertiser_id == advertiser_id))
        return set(result.all())


async def _forward(websocket: WebSocket, state: ClientState) -> None:
    while True:
        payload = await state.queue.get()
        await websocket.send_text(payload)


@router.websocket("/ws/campaigns")
async def campaign_stream(websocket: WebSocket, hub: DashboardHub = Depends(get_hub)) -> None:
    key = await authenticate_ws_token(websocket)
    if key is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    owned = await _owned_campaign_ids(websocket, key.advertiser_id)
    state = await hub.register(websocket, key.advertiser_id)
    if state is None:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    writer: asyncio.Task[None] | None = None
    try:
        await websocket.accept()
        writer = asyncio.create_task(_forward(websocket, state))
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.dashboard_idle_timeout)
            if len(raw) > settings.dashboard_max_message_bytes:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            message = json.loads(raw)
            if message.get("type") == "follow" and int(message["campaign_id"]) in owned:
                await hub.follow(state, int(message["campaign_id"]))
            elif message.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
    except (WebSocketDisconnect, TimeoutError, ValueError, KeyError):
        logger.debug("dashboard socket for advertiser %s closed", key.advertiser_id)
    finally:
        if writer is not None:
            writer.cancel()
        await hub.unregister(websocket)


@router.websocket("/ws/alerts")
async def alert_stream(websocket: WebSocket, hub: DashboardHub = Depends(get_hub)) -> None:
    key = await authenticate_ws_token(websocket)
    if key is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    await hub.register(websocket, key.advertiser_id)
    while True:
        text = await websocket.receive_text()
        if text == "ping":
            await websocket.send_text("pong")


@router.websocket("/ws/pacing/{campaign_id}")
async def pacing_feed(websocket: WebSocket, campaign_id: int, pacing: PacingService = Depends(get_pacing)) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.send_json(await pacing.snapshot(campaign_id))
            await asyncio.sleep(1.0)
    except WebSocketDisconnect:
        logger.debug("pacing feed for campaign %s closed", campaign_id)
