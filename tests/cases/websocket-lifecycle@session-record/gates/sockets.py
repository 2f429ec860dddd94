"""Scanner sockets: a session record per device."""
import time

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from gates.hub import hub

router = APIRouter()
_device_sessions: dict[str, dict] = {}
_kiosk_sessions: dict[str, dict] = {}
_last_scan: dict[str, float] = {}


async def load_profile(device_id: str) -> dict:
    return {"device": device_id}


@router.websocket("/ws/scanner/{device_id}")
async def scanner_socket(ws: WebSocket, device_id: str, token: str) -> None:
    await hub.connect("scanners", ws)
    _device_sessions[device_id] = {"connected_at": time.time(), "scans": 0}  # expect: websocket-lifecycle
    try:
        while True:
            message = await ws.receive_json()
            _last_scan[device_id] = time.time()
            _device_sessions[device_id]["scans"] += 1
            await ws.send_json({"ok": bool(message)})
    except WebSocketDisconnect:
        pass
    finally:
        hub.disconnect("scanners", ws)


@router.websocket("/ws/kiosk/{kiosk_id}")
async def kiosk_socket(ws: WebSocket, kiosk_id: str, token: str) -> None:
    await hub.connect("kiosks", ws)
    _kiosk_sessions[kiosk_id] = {"connected_at": time.time()}
    try:
        while True:
            message = await ws.receive_json()
            await ws.send_json({"ok": bool(message)})
    except WebSocketDisconnect:
        pass
    finally:
        _kiosk_sessions.pop(kiosk_id, None)
        hub.disconnect("kiosks", ws)


def live_devices() -> list[str]:
    return sorted(_device_sessions) + sorted(_kiosk_sessions)
