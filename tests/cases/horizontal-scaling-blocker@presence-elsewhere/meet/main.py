from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from meet.wiring import open_services


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with open_services() as services:
        app.state.services = services
        yield


app = FastAPI(lifespan=lifespan)


@app.websocket("/ws/presence/{user_id}")
async def presence_socket(ws: WebSocket, user_id: int) -> None:
    services = ws.app.state.services
    await ws.accept()
    await services.presence.mark_online(user_id)
    try:
        while True:
            await ws.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        await services.presence.mark_offline(user_id)


@app.websocket("/ws/rooms/{room_id}/{user_id}")
async def room_socket(ws: WebSocket, room_id: int, user_id: int) -> None:
    services = ws.app.state.services
    await ws.accept()
    try:
        while True:
            message = await ws.receive_json()
            if message.get("type") == "typing":
                await ws.send_json({"typing": services.typing.typing(room_id, user_id)})
            else:
                await services.notifier.new_message(int(message["to"]), str(message["text"]))
    except WebSocketDisconnect:
        pass
