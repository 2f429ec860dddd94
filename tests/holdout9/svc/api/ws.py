import asyncio
import logging
from uuid import UUID

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect, status

from svc.api.deps import TokenVerifier, get_hub, get_token_verifier, get_watchers
from svc.config import Settings, get_settings
from svc.realtime import AdjusterConnection, AdjusterHub, ClaimWatchers

logger = logging.getLogger(__name__)

router = APIRouter()


@router.websocket("/ws/adjusters")
async def adjuster_updates(
    websocket: WebSocket,
    hub: AdjusterHub = Depends(get_hub),
    verifier: TokenVerifier = Depends(get_token_verifier),
    settings: Settings = Depends(get_settings),
) -> None:
    principal = verifier.verify(websocket.headers.get("authorization") or websocket.query_params.get("token"))
    if principal is None or principal.role != "adjuster":
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    conn = AdjusterConnection(websocket)
    if not await hub.register(principal.subject_id, conn):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    writer = asyncio.create_task(conn.pump(), name=f"ws-writer-{principal.subject_id}")
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout_seconds)
            if len(message) > 1024:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            if message == "ping":
                conn.offer({"type": "pong"})
    except (WebSocketDisconnect, asyncio.TimeoutError) as exc:
        logger.debug("adjuster %s socket closed: %r", principal.subject_id, exc)
    finally:
        writer.cancel()
        hub.unregister(principal.subject_id, conn)


@router.websocket("/ws/claims/{claim_id}")
async def watch_claim(websocket: WebSocket, claim_id: UUID, watchers: ClaimWatchers = Depends(get_watchers)) -> None:
    await websocket.accept()
    watchers.add(claim_id, websocket)
    while True:
        await websocket.receive_text()
