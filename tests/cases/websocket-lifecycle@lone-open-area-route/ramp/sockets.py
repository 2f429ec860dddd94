"""Ramp sockets: the supervisor console and the live stand map, both per airport."""
import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from ramp.auth import dispatcher_from

router = APIRouter()


async def stand_map(airport: str) -> dict:
    return {"airport": airport, "stands": {"A1": "occupied"}}


@router.websocket("/ws/console/{airport}")
async def supervisor_console(websocket: WebSocket, airport: str) -> None:
    if dispatcher_from(websocket.query_params.get("token")) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            await websocket.send_json({"echo": await websocket.receive_json(), "airport": airport})
    except WebSocketDisconnect:
        return


@router.websocket("/ws/map/{airport}")
async def live_map(websocket: WebSocket, airport: str) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.send_json(await stand_map(airport))
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        return
