"""WebSocket endpoints: live chat and live stream statistics."""
import asyncio
import logging
import uuid

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect, status

from svc.api.deps import CurrentUser, current_user, resolve_token, state
from svc.config import get_settings
from svc.services.chat import ChatConnection, ChatHub
from svc.services.streams import StreamService

router = APIRouter()
logger = logging.getLogger(__name__)


async def _drain_outbox(conn: ChatConnection) -> None:
    while True:
        payload = await conn.outbox.get()
        await asyncio.wait_for(conn.websocket.send_text(payload), timeout=5)


@router.websocket("/ws/chat/{room_id}")
async def chat_socket(websocket: WebSocket, room_id: str, token: str) -> None:
    settings = get_settings()
    hub: ChatHub = websocket.app.state.chat
    user = await resolve_token(websocket, token)
    if user is None or await hub.is_banned(room_id, user.id):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    conn = ChatConnection(conn_id=uuid.uuid4().hex, user_id=user.id, websocket=websocket)
    await websocket.accept()
    if not await hub.join(room_id, conn):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    sender = asyncio.create_task(_drain_outbox(conn))
    try:
        while True:
            text = await asyncio.wait_for(websocket.receive_text(), timeout=settings.chat_idle_timeout_s)
            if len(text.encode()) > settings.chat_max_message_bytes:
                await websocket.send_json({"type": "error", "error": "message too long"})
                continue
            if not hub.limiter.allow(user.id):
                await websocket.send_json({"type": "error", "error": "slow down"})
                continue
            await hub.publish(room_id, user.id, text)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("chat socket closed", extra={"room": room_id, "user": str(user.id)})
    finally:
        sender.cancel()
        await hub.leave(room_id, conn.conn_id)


@router.websocket("/ws/live/{stream_id}/stats")
async def live_stats_socket(websocket: WebSocket, stream_id: str) -> None:
    streams: StreamService = websocket.app.state.streams
    await websocket.accept()
    await streams.viewer_joined(stream_id)
    while True:
        await websocket.send_json(await streams.live_stats(stream_id))
        await asyncio.sleep(2)


@router.post("/live/{room_id}/bans/{user_id}", status_code=204)
async def ban(
    room_id: str, user_id: uuid.UUID, user: CurrentUser = Depends(current_user), hub: ChatHub = Depends(state("chat"))
) -> None:
    await hub.ban_user(room_id, user_id)


@router.post("/live/{room_id}/announcements", status_code=204)
async def announce(
    room_id: str, text: str, user: CurrentUser = Depends(current_user), hub: ChatHub = Depends(state("chat"))
) -> None:
    await hub.announce(room_id, text)
