"""Driver tracking and public status sockets."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..hub import followers

router = APIRouter()


@router.websocket("/ws/drivers/{driver_id}/position")
async def driver_position(ws: WebSocket, driver_id: int) -> None:
    await ws.accept()  # expect: websocket-lifecycle
    followers.watch(driver_id, ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        followers.unwatch(driver_id, ws)


@router.websocket("/ws/status")
async def service_status(ws: WebSocket) -> None:
    # correct: one public stream for everyone, picked by no id
    await ws.accept()
    followers.watch("status", ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        followers.unwatch("status", ws)


@router.websocket("/ws/races/{race_id}")
async def race_board(ws: WebSocket, race_id: int) -> None:
    # correct: race scores are public (their HTTP read asks for no credential)
    await ws.accept()
    followers.watch(race_id, ws)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        followers.unwatch(race_id, ws)
