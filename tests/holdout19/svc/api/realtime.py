from __future__ import annotations

import asyncio
import logging
from uuid import UUID

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect, status

from svc.api.deps import ws_container
from svc.container import Container
from svc.errors import AuthError, LimitExceededError
from svc.realtime import ClientConnection
from svc.security import AuthUser, decode_access_token

logger = logging.getLogger(__name__)

router = APIRouter()

IDLE_TIMEOUT_S = 60.0
MAX_CLIENT_FRAME = 512


def _authenticate(websocket: WebSocket, container: Container) -> AuthUser | None:
    token = websocket.query_params.get("token", "")
    try:
        return decode_access_token(token, container.settings.jwt_secret, container.settings.jwt_audience)
    except AuthError:
        return None


@router.websocket("/ws/notifications")
async def notifications_socket(websocket: WebSocket, container: Container = Depends(ws_container)) -> None:
    user = _authenticate(websocket, container)
    if user is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    conn = ClientConnection(websocket=websocket, user_id=user.id)
    try:
        await container.hub.register(conn)
    except LimitExceededError:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT_S)
            if len(message) > MAX_CLIENT_FRAME:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            container.hub.touch(user.id)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("notification socket for %s closed", user.id)
    finally:
        await container.hub.unregister(conn)


@router.websocket("/ws/transfers/{transfer_id}")
async def transfer_status_socket(websocket: WebSocket, transfer_id: UUID, container: Container = Depends(ws_container)) -> None:
    user = _authenticate(websocket, container)
    if user is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    container.hub.transfer_watchers[transfer_id].add(websocket)
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=IDLE_TIMEOUT_S)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.debug("transfer watcher for %s closed", transfer_id)


@router.websocket("/ws/rates")
async def rates_socket(websocket: WebSocket) -> None:
    rates_hub = websocket.app.state.container.rates_hub
    await websocket.accept()
    await rates_hub.add(websocket)
    await websocket.send_json({"type": "snapshot", "rates": rates_hub.latest})
    while True:
        await websocket.receive_text()
