"""Live classroom websockets and chat history."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

import jwt
from fastapi import APIRouter, Depends, Query, WebSocket, WebSocketDisconnect, status
from starlette.concurrency import run_in_threadpool

from svc.api.deps import chat_repo, current_principal, get_container, require_instructor
from svc.clients.identity import Principal
from svc.container import Container
from svc.repositories.chat import ChatRepository
from svc.services.chat import ChatConnection

logger = logging.getLogger(__name__)

router = APIRouter(tags=["classroom"])

_open_sockets = 0


@router.websocket("/ws/rooms/{room_id}")
async def chat_socket(websocket: WebSocket, room_id: str, token: str = Query(...)) -> None:
    global _open_sockets
    container: Container = websocket.app.state.container
    settings = container.settings
    try:
        principal = await run_in_threadpool(container.verifier.verify, token)
    except (jwt.PyJWTError, KeyError):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    conn = ChatConnection(websocket, principal.user_id, room_id)
    if not await container.chat_hub.join(conn):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    _open_sockets += 1
    repo = ChatRepository(container.pg_pool, settings.pg_acquire_timeout)
    writer = asyncio.create_task(container.chat_hub.pump(conn), name=f"chat-writer-{id(conn)}")
    try:
        while True:
            text = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout)
            if len(text.encode("utf-8")) > settings.ws_max_message_bytes:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            if not await container.chat_limiter.allow(f"{room_id}:{principal.user_id}"):
                continue
            message_id = await repo.insert(room_id, principal.user_id, text)
            await container.chat_hub.publish(
                room_id,
                {
                    "id": message_id,
                    "user_id": principal.user_id,
                    "body": text,
                    "at": datetime.now(timezone.utc).isoformat(),
                },
            )
    except WebSocketDisconnect:
        logger.debug("chat client left room %s", room_id)
    except TimeoutError:
        await websocket.close(code=status.WS_1000_NORMAL_CLOSURE, reason="idle")
    finally:
        writer.cancel()
        _open_sockets -= 1
        await container.chat_hub.leave(conn)


@router.websocket("/ws/courses/{course_id}/announcements")
async def announcements_socket(websocket: WebSocket, course_id: int) -> None:
    container: Container = websocket.app.state.container
    await websocket.accept()
    token = await asyncio.wait_for(websocket.receive_text(), timeout=10)
    try:
        await run_in_threadpool(container.verifier.verify, token)
    except (jwt.PyJWTError, KeyError):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    container.announcer.register(course_id, websocket)
    while True:
        await websocket.receive_text()


@router.post("/api/courses/{course_id}/announcements", status_code=status.HTTP_202_ACCEPTED)
async def announce(
    course_id: int,
    payload: dict,
    principal: Principal = Depends(require_instructor),
    container: Container = Depends(get_container),
) -> dict:
    payload["from"] = principal.user_id
    delivered = await container.announcer.broadcast(course_id, payload)
    return {"delivered": delivered}


@router.get("/api/rooms/{room_id}/messages")
async def history(
    room_id: str,
    before_id: int | None = None,
    limit: int = Query(50, ge=1, le=200),
    _: Principal = Depends(current_principal),
    repo: ChatRepository = Depends(chat_repo),
) -> list[dict]:
    return [dict(r) for r in await repo.recent(room_id, before_id, limit)]


@router.get("/api/rooms/{room_id}/transcript")
async def transcript(
    room_id: str,
    page: int = Query(0, ge=0),
    _: Principal = Depends(require_instructor),
    repo: ChatRepository = Depends(chat_repo),
) -> list[dict]:
    return [dict(r) for r in await repo.transcript_page(room_id, page)]


@router.get("/api/classroom/stats")
async def stats(_: Principal = Depends(require_instructor)) -> dict:
    return {"open_sockets": _open_sockets}
