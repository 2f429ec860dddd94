from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import Any

from fastapi import WebSocket

from ..repositories.subjects import SubjectRepository

log = logging.getLogger(__name__)


class DashboardHub:
    """Live enrolment dashboard: pushes per-site counts to connected sponsor users."""

    def __init__(self, snapshot_ttl: float) -> None:
        self._sockets: dict[int, set[WebSocket]] = {}
        self._queues: dict[WebSocket, asyncio.Queue[dict[str, Any]]] = {}
        self._snapshots: dict[int, tuple[float, dict[str, Any]]] = {}
        self._snapshot_guard = threading.Lock()
        self._ttl = snapshot_ttl

    def attach(self, study_id: int, ws: WebSocket) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._sockets.setdefault(study_id, set()).add(ws)
        self._queues[ws] = queue
        return queue

    def detach(self, study_id: int, ws: WebSocket) -> None:
        self._sockets.get(study_id, set()).discard(ws)

    async def broadcast(self, study_id: int, message: dict[str, Any]) -> None:
        for ws in list(self._sockets.get(study_id, ())):
            queue = self._queues.get(ws)
            if queue is not None:
                queue.put_nowait(message)

    async def snapshot(self, study_id: int, subjects: SubjectRepository) -> dict[str, Any]:
        with self._snapshot_guard:
            cached = self._snapshots.get(study_id)
            if cached is not None and time.monotonic() - cached[0] < self._ttl:
                return cached[1]
            counts = await subjects.counts_by_site(study_id)
            snapshot = {"study_id": study_id, "sites": counts}
            self._snapshots[study_id] = (time.monotonic(), snapshot)
            return snapshot
