from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from readroom.api.deps import authenticate_ws
from readroom.cache.redis_client import get_redis
from readroom.services.dictation import DictationService

log = logging.getLogger(__name__)

router = APIRouter()

MAX_CHUNK_BYTES = 256 * 1024
IDLE_TIMEOUT = 30.0


@router.websocket("/ws/reading-room/{subspecialty}")
async def reading_room(websocket: WebSocket, subspecialty: str) -> None:
    user = await authenticate_ws(websocket)
    if user is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub = websocket.app.state.hub
    hub.join(subspecialty, websocket, user.id, user.display_name)
    await hub.send_presence(subspecialty)
    try:
        while True:
            raw = await websocket.receive_text()
            msg = json.loads(raw)
            if msg.get("type") == "ping":
                await websocket.send_json({"type": "pong"})
            elif msg.get("type") == "viewing":
                await hub.broadcast(
                    subspecialty,
                    {"type": "viewing", "user": user.display_name, "study_uid": msg["study_uid"]},
                )
    except WebSocketDisconnect:
        hub.leave(subspecialty, websocket, user.id)
        await hub.send_presence(subspecialty)


@router.websocket("/ws/presence")
async def presence(websocket: WebSocket) -> None:
    room = websocket.query_params.get("room", "general")
    await websocket.accept(headers=[(b"x-readroom-room", room.encode())])
    redis = get_redis()
    try:
        while True:
            members = await redis.smembers(f"presence:{room}")
            await websocket.send_json({"type": "presence", "room": room, "members": sorted(members)})
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        return


@router.websocket("/ws/study/{study_uid}")
async def study_events(websocket: WebSocket, study_uid: str) -> None:
    user = await authenticate_ws(websocket)
    if user is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    pubsub = get_redis().pubsub()
    await pubsub.subscribe(f"study:{study_uid}")
    while True:
        msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
        if msg is not None:
            try:
                await websocket.send_text(msg["data"])
            except WebSocketDisconnect:
                return
        else:
            try:
                await asyncio.wait_for(websocket.receive_text(), timeout=0.01)
            except asyncio.TimeoutError:
                pass
            except WebSocketDisconnect:
                return


@router.websocket("/ws/dictation/{report_id}")
async def dictation_stream(websocket: WebSocket, report_id: int) -> None:
    user = await authenticate_ws(websocket)
    if user is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    dictation: DictationService = websocket.app.state.services.dictation
    await websocket.accept()
    session_id = await dictation.open_stream(report_id)
    redis = get_redis()
    await redis.sadd("presence:dictating", user.display_name)
    try:
        while True:
            try:
                chunk = await asyncio.wait_for(websocket.receive_bytes(), timeout=IDLE_TIMEOUT)
            except asyncio.TimeoutError:
                await websocket.close(code=status.WS_1000_NORMAL_CLOSURE)
                break
            if len(chunk) > MAX_CHUNK_BYTES:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            partial = await dictation.stream_chunk(session_id, chunk)
            await websocket.send_json({"type": "partial", "text": partial})
    except WebSocketDisconnect:
        log.info("dictation socket closed for report %s", report_id)
    finally:
        await redis.srem("presence:dictating", user.display_name)
        await dictation.close_stream(session_id)
