import asyncio

from fastapi import APIRouter, FastAPI, WebSocket, WebSocketDisconnect

router = APIRouter()


def verify(token: str) -> bool:
    return token == "t"


@router.websocket("/chat")
async def chat(ws: WebSocket) -> None:
    await ws.accept()
    bearer = await ws.receive_text()  # expect: websocket-lifecycle
    if not verify(bearer):
        await ws.close(code=1008)
        return
    try:
        while True:
            await ws.send_text(await ws.receive_text())
    except WebSocketDisconnect:
        pass


@router.websocket("/chat/timed")
async def chat_timed(ws: WebSocket) -> None:
    await ws.accept()
    try:
        bearer = await asyncio.wait_for(ws.receive_text(), timeout=10)
    except asyncio.TimeoutError:
        await ws.close(code=1008)
        return
    if not verify(bearer):
        await ws.close(code=1008)
        return
    try:
        while True:
            message = await ws.receive_text()
            await ws.send_text(message)
    except WebSocketDisconnect:
        pass


app = FastAPI()
app.include_router(router)
