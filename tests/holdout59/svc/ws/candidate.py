from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from svc.config import settings
from svc.db.engine import SessionLocal
from svc.db.models import Attempt, FlagSeverity, Sitting
from svc.redis_client import get_redis
from svc.security import AuthError, decode_token
from svc.services.autosave import AttemptClosed, AutosaveService
from svc.services.proctoring import ProctoringService, SnapshotRejected
from svc.services.timers import AttemptTimers, start_ticker, stop_ticker
from svc.utils.images import decode_data_url, frame_brightness
from svc.ws.connections import registry

logger = logging.getLogger(__name__)
router = APIRouter()

CLIENT_EVENTS = {
    "tab_switch": FlagSeverity.WARNING,
    "fullscreen_exit": FlagSeverity.WARNING,
    "copy_paste": FlagSeverity.WARNING,
    "face_missing": FlagSeverity.CRITICAL,
    "multiple_faces": FlagSeverity.CRITICAL,
    "network_drop": FlagSeverity.INFO,
}
DARK_FRAME = 0.06


@router.websocket("/ws/attempts/{attempt_id}")
async def candidate_socket(websocket: WebSocket, attempt_id: int, token: str = Query(...)) -> None:
    try:
        principal = decode_token(token)
    except AuthError:
        await websocket.close(code=4401)
        return
    async with SessionLocal() as session:
        attempt = await session.get(Attempt, attempt_id)
        sitting = await session.get(Sitting, attempt.sitting_id) if attempt else None
    if attempt is None or attempt.student_id != principal.student_id:
        await websocket.close(code=4403)
        return

    await websocket.accept()
    redis = get_redis()
    await registry.add_candidate(attempt_id, websocket, sitting.room if sitting else None)

    async def push_remaining(seconds: int) -> None:
        await websocket.send_json({"type": "time", "remaining": seconds})

    start_ticker(attempt_id, AttemptTimers(redis), push_remaining)
    last_snapshot = 0.0
    try:
        while True:
            try:
                msg = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_timeout)
            except asyncio.TimeoutError:
                await websocket.close(code=4408, reason="idle")
                break
            kind = msg.get("type")
            if kind == "ping":
                await websocket.send_json({"type": "pong"})
            elif kind == "autosave":
                await _autosave(websocket, redis, principal.student_id, attempt_id, msg)
            elif kind == "snapshot":
                loop_now = asyncio.get_running_loop().time()
                if loop_now - last_snapshot < settings.snapshot_interval_seconds / 2:
                    continue
                last_snapshot = loop_now
                await _snapshot(redis, attempt_id, msg.get("image", ""))
            elif kind in CLIENT_EVENTS:
                async with SessionLocal() as session:
                    await ProctoringService(session, redis).record_event(
                        attempt_id, kind, CLIENT_EVENTS[kind], {"client_ts": msg.get("ts")}
                    )
    except WebSocketDisconnect:
        pass
    finally:
        stop_ticker(attempt_id)
        await registry.remove_candidate(attempt_id, websocket)


async def _autosave(websocket: WebSocket, redis, student_id: int, attempt_id: int, msg: dict) -> None:
    async with SessionLocal() as session:
        try:
            stored = await AutosaveService(session, redis).save(
                student_id, attempt_id, int(msg["question_id"]), int(msg["variant_id"]),
                msg.get("response", {}), int(msg.get("version", 1)), final=bool(msg.get("final")),
            )
        except AttemptClosed as exc:
            await websocket.send_json({"type": "closed", "detail": str(exc)})
            return
    await websocket.send_json({"type": "saved", "question_id": msg["question_id"], "stored": stored})


async def _snapshot(redis, attempt_id: int, image: str) -> None:
    raw = decode_data_url(image)
    async with SessionLocal() as session:
        service = ProctoringService(session, redis)
        if raw is not None and frame_brightness(raw) < DARK_FRAME:
            await service.record_event(attempt_id, "camera_dark", FlagSeverity.WARNING, {})
        try:
            await service.accept_snapshot(attempt_id, image)
        except SnapshotRejected as exc:
            logger.info("snapshot rejected for attempt %s: %s", attempt_id, exc)
