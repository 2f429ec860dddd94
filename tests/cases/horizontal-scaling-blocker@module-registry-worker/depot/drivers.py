"""Drivers watching for newly assigned pickups."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()

watchers: set[WebSocket] = set()  # expect: horizontal-scaling-blocker


async def push_assignments(rows: list[dict]) -> None:
    for ws in list(watchers):
        await ws.send_json({"assigned": rows})


@router.websocket("/ws/pickups")
async def pickups(ws: WebSocket) -> None:
    await ws.accept()
    watchers.add(ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        watchers.discard(ws)
