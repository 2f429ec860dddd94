"""Operations API."""
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from ops.hubs import AlarmHub, GreetingHub

alarms = AlarmHub()
greetings = GreetingHub()
app = FastAPI()


@app.post("/alarms")
async def raise_alarm(event: dict) -> dict:
    await alarms.broadcast(event)
    return {"accepted": True}


@app.websocket("/ws/alarms")
async def alarm_feed(websocket: WebSocket) -> None:
    await websocket.accept()
    alarms.register(websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        alarms.unregister(websocket)


@app.websocket("/ws/greet")
async def greet_feed(websocket: WebSocket) -> None:
    await websocket.accept()
    await greetings.join(websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        greetings.leave(websocket)
