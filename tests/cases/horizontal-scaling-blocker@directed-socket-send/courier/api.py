from fastapi import FastAPI, HTTPException, WebSocket, WebSocketDisconnect

from courier import sockets
from courier.relay import Relay
from courier.sockets import DRIVER_SOCKETS, dispatchers, screens

app = FastAPI()
relay = Relay()


@app.websocket("/ws/drivers/{driver_id}")
async def driver_socket(websocket: WebSocket, driver_id: int) -> None:
    await websocket.accept()
    DRIVER_SOCKETS[driver_id] = websocket
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        DRIVER_SOCKETS.pop(driver_id, None)


@app.websocket("/ws/depots/{depot}")
async def depot_socket(websocket: WebSocket, depot: str) -> None:
    await websocket.accept()
    dispatchers.join(depot, websocket)
    try:
        while True:
            text = await websocket.receive_text()
            screen = screens.screens.get(text)  # expect: horizontal-scaling-blocker
            if screen is not None:
                await screen.send_text(f"{depot}: {text}")
    except WebSocketDisconnect:
        dispatchers.leave(depot, websocket)


@app.websocket("/ws/screens/{name}")
async def screen_socket(websocket: WebSocket, name: str) -> None:
    await websocket.accept()
    screens.attach(name, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        screens.detach(name)


@app.post("/drivers/{driver_id}/ping")
async def ping_driver(driver_id: int) -> dict:
    socket = DRIVER_SOCKETS.get(driver_id)  # expect: horizontal-scaling-blocker
    if socket is None:
        raise HTTPException(404, "driver not connected")
    await socket.send_json({"type": "ping"})
    return {"sent": True}


class DelayNotifier:
    def __init__(self) -> None:
        self._dispatch = dispatchers

    async def notify(self, depot: str, parcel: str) -> None:
        targets = self._dispatch.at_depot(depot)  # expect: horizontal-scaling-blocker
        for target in targets:
            await target.send_json({"delayed": parcel})


notifier = DelayNotifier()


@app.post("/depots/{depot}/delays/{parcel}")
async def report_delay(depot: str, parcel: str) -> dict:
    await notifier.notify(depot, parcel)
    return {"ok": True}


@app.post("/drivers/{driver_id}/message")
async def message_driver(driver_id: int, text: str) -> dict:
    await relay.publish(driver_id, text)
    return {"queued": True}


@app.get("/drivers/{driver_id}/online")
async def driver_online(driver_id: int) -> dict:
    return {"online": sockets.DRIVER_SOCKETS.get(driver_id) is not None}


@app.on_event("startup")
async def start_relay() -> None:
    import asyncio

    asyncio.get_running_loop().create_task(relay.listen())
