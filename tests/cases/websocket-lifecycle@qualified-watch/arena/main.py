from __future__ import annotations

import asyncio

from fastapi import FastAPI, Query, WebSocket, WebSocketDisconnect, status

from arena.disconnect import watch_disconnect
from arena.hub import Viewer, hub, venues
from arena.tokens import verify_token

app = FastAPI()


@app.websocket("/ws/matches/{match_id}")
async def match_socket(websocket: WebSocket, match_id: int, token: str = Query(...)) -> None:
    try:
        await verify_token(token)
    except PermissionError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub.watch_match(match_id, websocket)  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass


@app.websocket("/ws/matches/{match_id}/scores")
async def score_socket(websocket: WebSocket, match_id: int, token: str = Query(...)) -> None:
    try:
        await verify_token(token)
    except PermissionError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub.watch_match(match_id, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        hub.unwatch_match(match_id, websocket)


@app.websocket("/ws/venues/{venue_id}")
async def venue_socket(websocket: WebSocket, venue_id: int) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    viewer = Viewer(websocket, venue_id)
    venues.attach(viewer)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        venues.detach(viewer)


@app.websocket("/ws/venues/{venue_id}/staff")
async def venue_staff_socket(websocket: WebSocket, venue_id: int, token: str = Query(...)) -> None:
    await verify_token(token)
    await websocket.accept()
    viewer = Viewer(websocket, venue_id)
    venues.attach(viewer)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        venues.detach(viewer)


@app.websocket("/ws/matches/{match_id}/ticker")
async def ticker_socket(websocket: WebSocket, match_id: int, token: str = Query(...)) -> None:
    await verify_token(token)
    await websocket.accept()
    gone = watch_disconnect(websocket)
    try:
        while not gone.done():
            await websocket.send_json({"match": match_id})
            await asyncio.sleep(1)
    finally:
        gone.cancel()

