import asyncio

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from kiosk.devices import authenticate_device

app = FastAPI()


@app.websocket("/kiosk")
async def kiosk(websocket: WebSocket) -> None:
    await websocket.accept()
    hello = await websocket.receive_json()  # expect: websocket-lifecycle
    device = await authenticate_device(hello)
    if device is None:
        await websocket.close(code=1008)
        return
    try:
        while True:
            await websocket.send_json(await websocket.receive_json())
    except WebSocketDisconnect:
        pass


@app.websocket("/kiosk/v2")
async def kiosk_v2(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        async with asyncio.timeout(5):
            hello = await websocket.receive_json()
    except TimeoutError:
        await websocket.close(code=1008)
        return
    device = await authenticate_device(hello)
    if device is None:
        await websocket.close(code=1008)
        return
    try:
        while True:
            await websocket.send_json(await websocket.receive_json())
    except WebSocketDisconnect:
        pass
