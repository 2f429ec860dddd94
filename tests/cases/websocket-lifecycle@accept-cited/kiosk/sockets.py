"""Kiosk sockets: staff file notes, devices report; one route checks a device key."""
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from kiosk.store import file_note

router = APIRouter()
DEVICE_KEYS: dict[int, str] = {}


@router.websocket("/kiosks/{kiosk_id}/notes")
async def notes(
    sock: WebSocket,
    kiosk_id: int,
) -> None:
    await sock.accept(subprotocol="kiosk.v1")  # expect: websocket-lifecycle
    try:
        while True:
            text = await sock.receive_text()
            await file_note(kiosk_id, text)
    except WebSocketDisconnect:
        return


@router.websocket("/kiosks/{kiosk_id}/device")
async def device(sock: WebSocket, kiosk_id: int) -> None:
    if sock.headers.get("x-device-key") != DEVICE_KEYS.get(kiosk_id):
        await sock.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await sock.accept()
    async for text in sock.iter_text():
        await file_note(kiosk_id, text)
