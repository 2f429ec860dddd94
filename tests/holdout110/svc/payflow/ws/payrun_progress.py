from __future__ import annotations

import asyncio
import json

import structlog
from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from payflow.api.deps import user_from_token
from payflow.cache.redis_client import get_redis
from payflow.db.engine import SessionFactory
from payflow.errors import Forbidden
from payflow.settings import get_settings
from payflow.ws.hub import progress_fanout

log = structlog.get_logger(__name__)
router = APIRouter()


async def _authenticate(ws: WebSocket) -> int | None:
    token = ws.query_params.get("token")
    if not token:
        return None
    async with SessionFactory() as session:
        try:
            user = await user_from_token(session, token)
        except Forbidden:
            return None
    if user.role not in ("admin", "payroll"):
        return None
    return user.company_id


@router.websocket("/ws/payruns/progress")
async def payrun_progress(ws: WebSocket) -> None:
    company_id = await _authenticate(ws)
    if company_id is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    await progress_fanout.add(company_id, ws)
    try:
        while True:
            # Clients only send keepalive pings; anything else is ignored.
            await asyncio.wait_for(ws.receive_text(), timeout=60)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        await progress_fanout.remove(company_id, ws)


@router.websocket("/ws/payruns/{run_id}/events")
async def payrun_events(ws: WebSocket, run_id: int) -> None:
    company_id = await _authenticate(ws)
    if company_id is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    redis = get_redis()
    pubsub = redis.pubsub()
    await pubsub.subscribe(f"{get_settings().progress_channel_prefix}:{company_id}")
    try:
        async for message in pubsub.listen():
            if message["type"] != "message":
                continue
            event = json.loads(message["data"])
            if event.get("run_id") != run_id:
                continue
            await ws.send_json(event)
            if event.get("stage") in ("paid", "failed"):
                await ws.close()
                break
    except WebSocketDisconnect:
        log.info("payrun_events_client_left", run_id=run_id)


class ProgressRelay:
    """One redis subscription per process, fanned out to local sockets."""

    def __init__(self) -> None:
        self.prefix = get_settings().progress_channel_prefix

    async def run(self) -> None:
        pubsub = get_redis().pubsub()
        await pubsub.psubscribe(f"{self.prefix}:*")
        try:
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                company_id = int(message["channel"].rsplit(":", 1)[1])
                await progress_fanout.deliver(company_id, message["data"])
        finally:
            await pubsub.punsubscribe()
            await pubsub.aclose()
