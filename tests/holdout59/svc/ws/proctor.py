from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Query, WebSocket
from sqlalchemy import update

from svc.db.engine import SessionLocal
from svc.db.models import ProctorEvent
from svc.metrics import PROCTOR_SOCKETS
from svc.redis_client import get_redis
from svc.services.accommodations import AccommodationError, AccommodationService
from svc.ws.connections import registry

logger = logging.getLogger(__name__)
router = APIRouter()


async def _pump(websocket: WebSocket, queue: asyncio.Queue) -> None:
    while True:
        message = await queue.get()
        await websocket.send_json(message)


@router.websocket("/ws/proctor/exams/{exam_id}")
async def proctor_socket(websocket: WebSocket, exam_id: int, proctor_id: int = Query(...)) -> None:
    await websocket.accept()
    queue = await registry.add_proctor(exam_id, websocket)
    PROCTOR_SOCKETS.inc()
    pump = asyncio.create_task(_pump(websocket, queue), name=f"proctor-pump-{proctor_id}")
    logger.info("proctor %s watching exam %s", proctor_id, exam_id)

    while True:
        command = await websocket.receive_json()
        action = command.get("type")
        if action == "force_submit":
            attempt_id = int(command["attempt_id"])
            target = registry.candidates.get(attempt_id)
            if target is None:
                await websocket.send_json({"type": "error", "detail": f"candidate {attempt_id} not connected"})
                continue
            await target.send_json({"type": "force_submit", "by": proctor_id, "reason": command.get("reason", "")})
        elif action == "grant_time":
            async with SessionLocal() as session:
                try:
                    deadline = await AccommodationService(session, get_redis()).grant_extra_time(
                        int(command["attempt_id"]), int(command["minutes"]), granted_by=f"proctor:{proctor_id}"
                    )
                except AccommodationError as exc:
                    await websocket.send_json({"type": "error", "detail": str(exc)})
                    continue
            await websocket.send_json({"type": "time_granted", "attempt_id": command["attempt_id"], "deadline": deadline.isoformat()})
        elif action == "ack":
            async with SessionLocal() as session:
                await session.execute(
                    update(ProctorEvent).where(ProctorEvent.id == int(command["event_id"])).values(reviewed=True)
                )
                await session.commit()
        elif action == "ping":
            await websocket.send_json({"type": "pong", "pending": queue.qsize()})
    pump.cancel()
