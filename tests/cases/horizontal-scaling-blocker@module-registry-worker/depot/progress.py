"""Live progress of import jobs for the ops dashboard."""
import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()

_dashboards: dict[WebSocket, asyncio.Queue] = {}  # expect: horizontal-scaling-blocker


def announce(event: dict) -> None:
    for outbox in _dashboards.values():
        outbox.put_nowait(event)


@router.websocket("/ws/imports")
async def import_feed(ws: WebSocket) -> None:
    await ws.accept()
    _dashboards[ws] = asyncio.Queue()
    try:
        while True:
            await ws.send_json(await _dashboards[ws].get())
    except WebSocketDisconnect:
        pass
    finally:
        _dashboards.pop(ws, None)
