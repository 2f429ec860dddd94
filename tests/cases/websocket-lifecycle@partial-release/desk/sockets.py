"""Officer desk sockets: one list of open sockets per officer, one outbox per socket."""
import asyncio
from collections import defaultdict

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter()
_sockets: dict[int, list[WebSocket]] = defaultdict(list)
_outboxes: dict[WebSocket, asyncio.Queue] = {}


async def _drain(ws: WebSocket, outbox: asyncio.Queue) -> None:
    while True:
        await ws.send_json(await outbox.get())


@router.websocket("/ws/desk/{officer_id}")
async def desk_socket(ws: WebSocket, officer_id: int, token: str) -> None:
    await ws.accept()
    outbox: asyncio.Queue = asyncio.Queue(maxsize=100)
    _sockets[officer_id].append(ws)  # expect: websocket-lifecycle
    _outboxes[ws] = outbox
    sender = asyncio.create_task(_drain(ws, outbox))
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        sender.cancel()
        _outboxes.pop(ws, None)


@router.websocket("/ws/desk/{officer_id}/tidy")
async def tidy_desk_socket(ws: WebSocket, officer_id: int, token: str) -> None:
    await ws.accept()
    outbox: asyncio.Queue = asyncio.Queue(maxsize=100)
    _sockets[officer_id].append(ws)
    _outboxes[ws] = outbox
    sender = asyncio.create_task(_drain(ws, outbox))
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        sender.cancel()
        _outboxes.pop(ws, None)
        _sockets[officer_id].remove(ws)
