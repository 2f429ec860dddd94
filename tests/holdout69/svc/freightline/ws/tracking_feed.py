"""Websocket endpoints: shipper live tracking and the driver app channel."""
from __future__ import annotations

import asyncio
import contextlib
import logging

import jwt
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from freightline.config import get_settings
from freightline.db.engine import sessionmaker
from freightline.repositories.loads import LoadRepository
from freightline.utils.geo import parse_gps_ping

logger = logging.getLogger(__name__)
router = APIRouter()

HEARTBEAT_SECONDS = 20


def _shipper_from_token(token: str | None) -> int | None:
    if not token:
        return None
    try:
        claims = jwt.decode(token, get_settings().jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    if claims.get("typ") != "shipper":
        return None
    return int(claims["sub"])


@router.websocket("/ws/loads/{load_id}/track")
async def shipper_track_feed(websocket: WebSocket, load_id: int) -> None:
    hub = websocket.app.state.hub
    shipper_id = _shipper_from_token(websocket.query_params.get("token"))
    if shipper_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    async with sessionmaker()() as session:
        load = await LoadRepository(session).get(load_id)
    if load is None or load.shipper_id != shipper_id:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if hub.connections_for(shipper_id) >= get_settings().ws_max_connections_per_shipper:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    await websocket.accept()
    sub = hub.subscribe(load_id, shipper_id)
    try:
        while True:
            try:
                message = await asyncio.wait_for(sub.queue.get(), timeout=HEARTBEAT_SECONDS)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "heartbeat"})
                continue
            await websocket.send_json(message)
    except WebSocketDisconnect:
        logger.debug("shipper %s left feed for load %s", shipper_id, load_id)
    finally:
        hub.unsubscribe(sub)


@router.websocket("/ws/drivers/{truck_id}")
async def driver_channel(websocket: WebSocket, truck_id: str) -> None:
    hub = websocket.app.state.hub
    tracking = websocket.app.state.services.tracking
    await websocket.accept(subprotocol="eld.v1")
    hub.attach_driver(truck_id, websocket)
    while True:
        raw = await websocket.receive_json()
        if raw.get("type") == "ping":
            await websocket.send_json({"type": "pong"})
            continue
        try:
            fix = parse_gps_ping({**raw, "truck_id": truck_id})
        except ValueError as exc:
            await websocket.send_json({"type": "error", "detail": str(exc)})
            continue
        await tracking.ingest([fix])


@router.websocket("/ws/dispatch/{carrier_id}")
async def dispatcher_feed(websocket: WebSocket, carrier_id: int) -> None:
    """Dispatchers of a carrier watch tender offers; the client must ping every 30 s."""
    token = websocket.query_params.get("token")
    try:
        claims = jwt.decode(token or "", get_settings().jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if claims.get("typ") != "carrier" or int(claims["sub"]) != carrier_id:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    redis = websocket.app.state.redis
    await websocket.accept()
    pubsub = redis.pubsub()
    await pubsub.subscribe(f"tenders:{carrier_id}")

    async def pump() -> None:
        async for item in pubsub.listen():
            if item["type"] == "message":
                await websocket.send_text(item["data"])

    pump_task = asyncio.create_task(pump())
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=30)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        pump_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pump_task
        await pubsub.unsubscribe()
        await pubsub.aclose()
