"""Live map for the operations console."""
from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, WebSocket

from dispatch.utils.security import decode_token

logger = logging.getLogger(__name__)
router = APIRouter()

_viewers: set[WebSocket] = set()


@router.websocket("/ws/ops/live")
async def ops_live(websocket: WebSocket, token: str) -> None:
    claims = decode_token(token)
    if claims.get("role") != "admin":
        await websocket.close(code=4403)
        return
    await websocket.accept()
    _viewers.add(websocket)
    city = "nyc"
    while True:
        try:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=0.01)
            city = json.loads(raw).get("city", city)
        except asyncio.TimeoutError:
            pass
        except:
            break
        positions = await websocket.app.state.geo.positions(city)
        await websocket.send_json({"city": city, "drivers": [[d, p[0], p[1]] for d, p in positions.items()]})
        await asyncio.sleep(2)


async def broadcast_alert(text: str) -> None:
    for ws in list(_viewers):
        await ws.send_json({"alert": text})
