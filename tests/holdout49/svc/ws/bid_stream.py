from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status
from redis.asyncio import Redis

from svc.config import get_settings
from svc.services.auth import decode_token
from svc.ws.hub import BidHub

log = logging.getLogger(__name__)
router = APIRouter()


async def _pump(ws: WebSocket, queue: asyncio.Queue) -> None:
    while True:
        event = await queue.get()
        await ws.send_text(json.dumps(event))


@router.websocket("/ws/lots/{lot_id}")
async def lot_stream(ws: WebSocket, lot_id: int) -> None:
    hub: BidHub = ws.app.state.hub
    settings = get_settings()
    token = ws.query_params.get("token")
    claims = decode_token(token) if token else None
    if claims is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if hub.connection_count >= settings.max_ws_connections:
        await ws.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    await ws.accept()
    sub = hub.subscribe(lot_id, claims["sub"])
    sender = asyncio.create_task(_pump(ws, sub.queue))
    try:
        while True:
            msg = await asyncio.wait_for(ws.receive_text(), timeout=settings.ws_idle_timeout_s)
            if msg == "ping":
                await ws.send_text("pong")
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        sender.cancel()
        hub.unsubscribe(sub)
        log.debug("stream closed lot=%s user=%s", lot_id, claims["sub"])


WATCH_TTL_S = 90


async def _touch(redis: Redis, lot_id: int, conn_id: str) -> None:
    key = f"watchers:{lot_id}"
    now = asyncio.get_running_loop().time()
    async with redis.pipeline(transaction=True) as pipe:
        pipe.zadd(key, {conn_id: now})
        pipe.zremrangebyscore(key, 0, now - WATCH_TTL_S)
        pipe.expire(key, WATCH_TTL_S)
        await pipe.execute()


@router.websocket("/ws/lots/{lot_id}/presence")
async def presence(ws: WebSocket, lot_id: int) -> None:
    redis: Redis = ws.app.state.redis
    await ws.accept()
    conn_id = f"{id(ws)}:{ws.client.host if ws.client else '-'}"
    try:
        while True:
            await _touch(redis, lot_id, conn_id)
            count = await redis.zcard(f"watchers:{lot_id}")
            await ws.send_json({"watchers": count})
            await asyncio.wait_for(ws.receive_text(), timeout=30)
    except (asyncio.TimeoutError, WebSocketDisconnect):
        pass
    finally:
        await redis.zrem(f"watchers:{lot_id}", conn_id)
