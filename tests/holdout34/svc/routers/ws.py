"""WebSocket endpoints: live scores per match, odds stream, personal fan feed."""
from __future__ import annotations

import asyncio
import logging
import uuid

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from svc.config import settings
from svc.container import Container
from svc.errors import AuthError
from svc.security import decode_access_token
from svc.services.hub import ConnectionLimitReached

logger = logging.getLogger(__name__)

router = APIRouter()

MAX_CLIENT_MESSAGE = 1024


def _container(websocket: WebSocket) -> Container:
    return websocket.app.state.container


@router.websocket("/ws/live/{match_id}")
async def live_scores_ws(websocket: WebSocket, match_id: int) -> None:
    c = _container(websocket)
    await websocket.accept()
    await c.scores.ensure_tracked(match_id)
    c.live_hub.join(match_id, websocket)
    await websocket.send_json({"type": "snapshot", **await c.scores.live_score(match_id)})
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            c.live_hub.touch(websocket)
            await websocket.send_text("pong")


async def _pump(websocket: WebSocket, queue: asyncio.Queue[str]) -> None:
    while True:
        await websocket.send_text(await queue.get())


@router.websocket("/ws/odds")
async def odds_ws(websocket: WebSocket, token: str = Query(default="")) -> None:
    c = _container(websocket)
    try:
        fan_id = decode_access_token(token)
    except AuthError:
        await websocket.close(code=4401)
        return
    conn_id = f"{fan_id}:{uuid.uuid4().hex}"
    try:
        queue = await c.odds_hub.register(conn_id)
    except ConnectionLimitReached:
        await websocket.close(code=1013)
        return
    await websocket.accept()
    pump = asyncio.create_task(_pump(websocket, queue), name=f"odds-pump-{conn_id}")
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            if len(message) > MAX_CLIENT_MESSAGE:
                await websocket.close(code=1009)
                break
            if message == "ping" and not queue.full():
                queue.put_nowait('{"type":"pong"}')
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        pump.cancel()
        c.odds_hub.unregister(conn_id)


@router.websocket("/ws/fan")
async def fan_feed_ws(websocket: WebSocket, fan_id: int = Query(...)) -> None:
    c = _container(websocket)
    await websocket.accept()
    favourites = await c.favourites.list_favourites(fan_id)
    team_ids = {f["team_id"] for f in favourites}
    try:
        while True:
            live = await c.matches.list_live()
            mine = [m.id for m in live if m.home_team_id in team_ids or m.away_team_id in team_ids]
            await websocket.send_json({"type": "feed", "scores": await c.scores.snapshots(mine)})
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        logger.debug("fan %s feed closed", fan_id)
