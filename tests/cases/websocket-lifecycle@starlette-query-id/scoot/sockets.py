import asyncio
import uuid

from starlette.websockets import WebSocket, WebSocketDisconnect

from scoot.auth import Unauthorized, verify_token
from scoot.store import active_trip, fleet_positions


async def fleet_feed(websocket: WebSocket) -> None:
    try:
        await verify_token(websocket, "operator")
    except Unauthorized:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    try:
        while True:
            await websocket.send_json({"fleet": await fleet_positions()})
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        return


async def live_trip(websocket: WebSocket) -> None:
    rider_id = uuid.UUID(websocket.query_params["rider_id"])
    await websocket.accept()  # expect: websocket-lifecycle
    try:
        while True:
            trip = await active_trip(rider_id)
            if trip is None:
                await websocket.send_json({"type": "ended"})
                return
            await websocket.send_json({"type": "position", "trip": trip})
            await asyncio.sleep(3)
    except WebSocketDisconnect:
        return


async def trip_for_rider(websocket: WebSocket) -> None:
    try:
        claims = await verify_token(websocket, "rider")
    except Unauthorized:
        await websocket.close(code=4401)
        return
    rider_id = uuid.UUID(claims["sub"])
    await websocket.accept()
    try:
        while True:
            trip = await active_trip(rider_id)
            await websocket.send_json({"type": "position", "trip": trip})
            await asyncio.sleep(3)
    except WebSocketDisconnect:
        return
