"""Arcade sockets: a public scoreboard and a public lobby beside the signed-in game socket.
Two open routes: the app serves public streams by design, so neither stands out."""
import redis.asyncio as aioredis
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

router = APIRouter()
shouts = aioredis.Redis()
SCORES = [("ada", 30), ("bob", 20)]


def player_from(cookie: str | None) -> str | None:
    return cookie or None


@router.websocket("/ws/game")
async def game(websocket: WebSocket) -> None:
    if player_from(websocket.cookies.get("session")) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            await websocket.send_json({"move": await websocket.receive_json()})
    except WebSocketDisconnect:
        return


@router.websocket("/ws/scoreboard")
async def scoreboard(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.receive_text()
            await websocket.send_json({"scores": SCORES})
    except WebSocketDisconnect:
        return


@router.websocket("/ws/lobby")
async def lobby(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.receive_text()
            await websocket.send_json({"players": len(SCORES)})
    except WebSocketDisconnect:
        return


@router.websocket("/ws/shout")
async def shout(websocket: WebSocket) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            await shouts.publish("arcade:shouts", await websocket.receive_text())
    except WebSocketDisconnect:
        return
