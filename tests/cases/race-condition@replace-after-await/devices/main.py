from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from devices.registry import DeviceRegistry, Outbox

app = FastAPI()
registry = DeviceRegistry()
outbox = Outbox()


@app.websocket("/devices/{device_id}")
async def device(websocket: WebSocket, device_id: str) -> None:
    await websocket.accept()
    await registry.register(device_id, websocket)
    try:
        async for text in websocket.iter_text():
            await outbox.push(text)
    except WebSocketDisconnect:
        pass
    finally:
        registry.unregister(device_id, websocket)


@app.websocket("/devices/{device_id}/safe")
async def device_safe(websocket: WebSocket, device_id: str) -> None:
    await websocket.accept()
    await registry.register_locked(device_id, websocket)
    try:
        async for _ in websocket.iter_text():
            pass
    finally:
        registry.unregister(device_id, websocket)
