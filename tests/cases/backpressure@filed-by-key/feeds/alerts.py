"""Alert streams: a module registry of queues, one per websocket."""
import asyncio

from fastapi import APIRouter, WebSocket

router = APIRouter()
_streams: dict[WebSocket, asyncio.Queue] = {}
_parked: dict[str, asyncio.Queue] = {}


def publish(alert: dict) -> None:
    for stream in _streams.values():
        stream.put_nowait(alert)


@router.websocket("/ws/alerts")
async def alerts(websocket: WebSocket) -> None:
    await websocket.accept()
    _streams[websocket] = asyncio.Queue()  # expect: backpressure
    try:
        while True:
            await websocket.send_json(await _streams[websocket].get())
    finally:
        _streams.pop(websocket, None)


def park(name: str) -> None:
    """Look-alike: filed in a registry nobody puts to."""
    _parked[name] = asyncio.Queue()


_replies: dict[str, asyncio.Queue] = {}


def answer(request_id: str, reply: dict) -> None:
    if request_id in _replies:
        _replies[request_id].put_nowait(reply)


async def ask(request_id: str) -> dict:
    """Look-alike: a reply slot, one item taken once."""
    _replies[request_id] = asyncio.Queue()
    try:
        return await asyncio.wait_for(_replies[request_id].get(), timeout=5)
    finally:
        _replies.pop(request_id, None)
