from __future__ import annotations

import asyncio
import logging

import redis.asyncio as aioredis
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from seqcore.infra.cache import subscribe_job_log

logger = logging.getLogger(__name__)
router = APIRouter()

OUTBOX_SIZE = 1000


async def _pump(redis: aioredis.Redis, job_id: str, outbox: asyncio.Queue[str]) -> None:
    async for line in subscribe_job_log(redis, job_id):
        await outbox.put(line)


@router.websocket("/ws/jobs/{job_id}/log")
async def pipeline_log(websocket: WebSocket, job_id: str) -> None:
    await websocket.accept()
    state = websocket.app.state
    for line in state.job_logs.tail(job_id):
        await websocket.send_text(line)
    outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=OUTBOX_SIZE)
    pump = asyncio.create_task(_pump(state.redis, job_id, outbox))
    try:
        while True:
            line = await outbox.get()
            await websocket.send_text(line)
    except WebSocketDisconnect:
        logger.debug("log viewer for job %s left", job_id)
    finally:
        logger.debug("log stream for job %s closed (pump done=%s)", job_id, pump.done())
