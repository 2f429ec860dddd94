"""Live incident sockets: the dashboard checks a token, the feeds stream one org's incidents."""
import asyncio
import json

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status
from redis.asyncio import Redis

router = APIRouter()
redis = Redis()


def incident_channel(org_id: str) -> str:
    return f"incidents:{org_id}"


def verify_token(token: str) -> str | None:
    return token[4:] if token.startswith("tok-") else None


@router.websocket("/ws/dashboard")
async def dashboard(websocket: WebSocket, token: str = Query(...)) -> None:
    org_id = verify_token(token)
    if org_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        return


@router.websocket("/ws/incidents")
async def incident_feed(websocket: WebSocket, org_id: str = Query(...)) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    pubsub = redis.pubsub()
    await pubsub.subscribe(incident_channel(org_id))

    async def pump() -> None:
        async for message in pubsub.listen():
            if message.get("type") == "message":
                await websocket.send_json(json.loads(message["data"]))

    task = asyncio.create_task(pump())
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        task.cancel()
        await pubsub.unsubscribe()
        await pubsub.aclose()


@router.websocket("/ws/org-incidents")
async def checked_feed(websocket: WebSocket, org_id: str = Query(...), token: str = Query(...)) -> None:
    if verify_token(token) != org_id:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    pubsub = redis.pubsub()
    await pubsub.subscribe(incident_channel(org_id))

    async def pump() -> None:
        async for message in pubsub.listen():
            if message.get("type") == "message":
                await websocket.send_json(json.loads(message["data"]))

    task = asyncio.create_task(pump())
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        task.cancel()
        await pubsub.unsubscribe()
        await pubsub.aclose()
