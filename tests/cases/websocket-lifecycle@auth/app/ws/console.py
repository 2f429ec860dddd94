"""Operator consoles: one unauthenticated, the others check a credential first."""
from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from app.commands import Commands, verify_token

router = APIRouter()


@router.websocket("/ws/console/{device_id}")
async def console(websocket: WebSocket, device_id: str) -> None:
    commands: Commands = websocket.app.state.commands
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            message = await websocket.receive_json()
            command_id = await commands.send(device_id, message["name"])
            await websocket.send_json({"queued": command_id})
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/secure-console/{device_id}")
async def secure_console(websocket: WebSocket, device_id: str, token: str = Query(...)) -> None:
    commands: Commands = websocket.app.state.commands
    if verify_token(token) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive_json()
            await commands.send(device_id, message["name"])
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/header-console/{device_id}")
async def header_console(websocket: WebSocket, device_id: str) -> None:
    commands: Commands = websocket.app.state.commands
    if websocket.headers.get("x-console-key") != "expected":
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive_json()
            await commands.send(device_id, message["name"])
    except WebSocketDisconnect:
        pass


@router.websocket("/ws/status/{device_id}")
async def status_feed(websocket: WebSocket, device_id: str) -> None:
    """A public, read-only status stream: nothing a stranger sends changes data (the
    connection is logged once, before any message is read)."""
    commands: Commands = websocket.app.state.commands
    await commands.log_connection(device_id)
    await websocket.accept()
    try:
        while True:
            await websocket.receive_text()
            rows = await commands.status(device_id)
            await websocket.send_json([dict(row) for row in rows])
    except WebSocketDisconnect:
        pass
