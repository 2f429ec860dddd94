"""Floor displays: alarm feeds polled from memory."""
import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from floor.alarms import alarm_log

router = APIRouter()


@router.websocket("/ws/alarms")
async def alarm_feed(websocket: WebSocket) -> None:  # expect: websocket-lifecycle
    await websocket.accept()
    latest = None
    while True:
        alarms = alarm_log.recent()
        newest = alarms[-1]["ts"] if alarms else None
        if newest != latest:
            await websocket.send_json(alarms[-50:])
            latest = newest
        await asyncio.sleep(2)


@router.websocket("/ws/alarms/count")
async def alarm_count(websocket: WebSocket) -> None:
    """Sends every round: a closed connection fails the next send within 2 s."""
    await websocket.accept()
    try:
        while True:
            await websocket.send_json({"count": len(alarm_log.recent())})
            await asyncio.sleep(2)
    except WebSocketDisconnect:
        return
