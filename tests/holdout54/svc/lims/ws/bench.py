"""Bench status stream: instrument connectivity and queue depths for the lab wall display."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..db.pg import connection
from ..repos.review_repo import ReviewRepo
from .instruments import connected_instruments

log = logging.getLogger(__name__)
router = APIRouter()

PUSH_INTERVAL_S = 5


@router.websocket("/ws/bench")
async def bench_status(ws: WebSocket) -> None:
    await ws.accept()
    try:
        while True:
            async with connection() as conn:
                depth = await ReviewRepo(conn).depth()
            await ws.send_json({
                "instruments": sorted(connected_instruments),
                "review_depth": depth,
            })
            await asyncio.sleep(PUSH_INTERVAL_S)
    except WebSocketDisconnect:
        log.debug("bench display disconnected")
