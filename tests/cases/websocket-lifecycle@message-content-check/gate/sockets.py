from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from gate.passes import PassService
from gate.staff import login_turnstile

router = APIRouter()
service = PassService()


@router.websocket("/turnstiles/{turnstile}")
async def turnstile_socket(websocket: WebSocket, turnstile: str) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            message = await websocket.receive_json()
            opened = await service.redeem(str(message["code"]), turnstile)
            await websocket.send_json({"open": opened})
    except WebSocketDisconnect:
        return


@router.websocket("/staffed-turnstiles/{turnstile}")
async def staffed_turnstile(websocket: WebSocket, turnstile: str) -> None:
    await websocket.accept()
    hello = await websocket.receive_json()
    if not await login_turnstile(turnstile, hello.get("device_secret", "")):
        await websocket.close(code=1008)
        return
    try:
        while True:
            message = await websocket.receive_json()
            opened = await service.redeem(str(message["code"]), turnstile)
            await websocket.send_json({"open": opened})
    except WebSocketDisconnect:
        return
