"""Look-alike: each replica polls the gate states and pushes them to its own sockets."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from depot.db import pool

router = APIRouter()

gate_screens: set[WebSocket] = set()


async def refresh_gates() -> None:
    db = await pool()
    rows = await db.fetch("SELECT id, open FROM gates")
    for ws in list(gate_screens):
        await ws.send_json([dict(r) for r in rows])


@router.websocket("/ws/gates")
async def gates(ws: WebSocket) -> None:
    await ws.accept()
    gate_screens.add(ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        gate_screens.discard(ws)
