"""Meter gateways push readings and alarms over websockets."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from meters.intake import verify_meter_key

router = APIRouter()


@router.websocket("/ws/meters/{meter_id}/readings")
async def readings_socket(websocket: WebSocket, meter_id: str) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    intake = websocket.app.state.intake
    try:
        while True:
            message = await websocket.receive_json()
            intake.offer(meter_id, float(message["kwh"]))
    except WebSocketDisconnect:
        return


@router.websocket("/ws/meters/{meter_id}/alarms")
async def alarms_socket(websocket: WebSocket, meter_id: str) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    relay = websocket.app.state.relay
    try:
        while True:
            await relay.raise_alarm(meter_id, await websocket.receive_text())
    except WebSocketDisconnect:
        return


@router.websocket("/ws/meters/{meter_id}/signed")
async def signed_socket(websocket: WebSocket, meter_id: str) -> None:
    if not verify_meter_key(websocket.headers.get("x-meter-key", "")):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    intake = websocket.app.state.intake
    try:
        while True:
            message = await websocket.receive_json()
            intake.offer(meter_id, float(message["kwh"]))
    except WebSocketDisconnect:
        return
