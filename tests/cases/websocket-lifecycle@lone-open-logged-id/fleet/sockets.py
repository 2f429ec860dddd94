"""Dispatch sockets: the dispatcher console and the depot board."""
import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from fleet.auth import dispatcher_from

router = APIRouter()
logger = logging.getLogger(__name__)


async def depot_snapshot() -> dict:
    return {"trucks_in": 4, "trucks_out": 9}


@router.websocket("/ws/dispatch")
async def dispatch_console(websocket: WebSocket) -> None:
    if dispatcher_from(websocket.query_params.get("token")) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            await websocket.send_json({"echo": await websocket.receive_json()})
    except WebSocketDisconnect:
        return


@router.websocket("/ws/depot-board/{bay_id}")
async def depot_board(websocket: WebSocket, bay_id: int) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.send_json(await depot_snapshot())
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        logger.info("depot board for bay %s left", bay_id)
