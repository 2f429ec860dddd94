from __future__ import annotations

import asyncio
import logging

import redis.asyncio as redis
from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.deps import get_container, get_session, require_staff, ws_container
from lifeline.services.container import Container

log = logging.getLogger(__name__)

router = APIRouter(tags=["stock"])


class StockHub:
    """Dashboards connected to this replica; fed by the Redis relay below so every replica sees every change."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.subscribers: dict[int, set[WebSocket]] = {}

    def count(self) -> int:
        return sum(len(s) for s in self.subscribers.values())

    async def fan_out(self, site_id: int, text: str) -> None:
        targets = list(self.subscribers.get(site_id, ()))
        results = await asyncio.gather(
            *(asyncio.wait_for(ws.send_text(text), timeout=2.0) for ws in targets), return_exceptions=True
        )
        failed = sum(1 for result in results if isinstance(result, Exception))
        if failed:
            log.debug("stock update for site %s: %d of %d sends failed", site_id, failed, len(targets))


stock_hub = StockHub(limit=500)


async def relay_stock_updates(client: redis.Redis) -> None:
    pubsub = client.pubsub()
    await pubsub.psubscribe("stock-updates:*")
    try:
        async for message in pubsub.listen():
            if message["type"] != "pmessage":
                continue
            site_id = int(message["channel"].rsplit(":", 1)[1])
            await stock_hub.fan_out(site_id, message["data"])
    finally:
        await pubsub.aclose()


@router.get("/stock/dashboard", dependencies=[Depends(require_staff)])
async def dashboard(session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)) -> dict:
    return await container.stock.dashboard(session)


@router.post("/stock/{site_id}/hold", dependencies=[Depends(require_staff)])
async def hold_stock(site_id: int, kind: str, group: str, count: int, container: Container = Depends(get_container)) -> dict:
    return {"held": await container.stock.hold(site_id, kind, group, count)}


@router.websocket("/ws/stock/{site_id}")
async def stock_socket(websocket: WebSocket, site_id: int, container: Container = Depends(ws_container)) -> None:
    token = websocket.query_params.get("token", "")
    if not token or await container.redis.get(f"staff-token:{token}") is None:
        await websocket.close(code=4401)
        return
    if stock_hub.count() >= stock_hub.limit:
        await websocket.close(code=1013)
        return
    await websocket.accept()
    stock_hub.subscribers.setdefault(site_id, set()).add(websocket)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=container.settings.ws_idle_seconds)
            if message == "ping":
                await websocket.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.debug("stock dashboard for site %s disconnected", site_id)
