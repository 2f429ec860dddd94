"""Operator console stream."""
import asyncio

from fastapi import APIRouter, WebSocket

router = APIRouter(prefix="/ws/admin")
EVENTS: asyncio.Queue = asyncio.Queue(maxsize=100)


@router.websocket("/events")
async def events(ws: WebSocket) -> None:  # expect: websocket-lifecycle
    await ws.accept(headers=[(b"cache-control", b"no-store")])  # expect: websocket-lifecycle
    while True:
        await ws.send_json(await EVENTS.get())
