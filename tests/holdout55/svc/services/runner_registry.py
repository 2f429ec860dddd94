"""Tracks the runners connected to this process and the jobs they hold."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.websockets import WebSocket

from svc.utils.metrics import RUNNERS_CONNECTED

if TYPE_CHECKING:
    from svc.services.lease_book import LeaseBook

logger = logging.getLogger(__name__)


@dataclass
class RunnerConnection:
    runner_id: int
    org_id: int
    labels: frozenset[str]
    websocket: WebSocket
    capacity: int = 1
    active_jobs: set[int] = field(default_factory=set)
    send_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def free_slots(self) -> int:
        return self.capacity - len(self.active_jobs)


class RunnerRegistry:
    def __init__(self) -> None:
        self._connections: dict[int, RunnerConnection] = {}
        self._lock = asyncio.Lock()
        self.leases: LeaseBook | None = None

    async def attach(self, conn: RunnerConnection) -> None:
        async with self._lock:
            previous = self._connections.get(conn.runner_id)
            self._connections[conn.runner_id] = conn
        if previous is not None and previous.websocket is not conn.websocket:
            logger.info("runner %s reconnected; closing stale socket", conn.runner_id)
            await previous.websocket.close(code=4000)
        RUNNERS_CONNECTED.set(len(self._connections))

    async def detach(self, runner_id: int, websocket: WebSocket) -> set[int]:
        async with self._lock:
            conn = self._connections.get(runner_id)
            if conn is None or conn.websocket is not websocket:
                return set()
            del self._connections[runner_id]
            orphaned = set(conn.active_jobs)
        RUNNERS_CONNECTED.set(len(self._connections))
        return orphaned

    def candidates(self, org_id: int, labels: set[str]) -> list[RunnerConnection]:
        return [
            c for c in self._connections.values()
            if c.org_id == org_id and labels <= c.labels and c.free_slots > 0
        ]

    async def assign(self, runner_id: int, job_id: int, lease_seconds: int) -> bool:
        assert self.leases is not None
        async with self._lock:
            conn = self._connections.get(runner_id)
            if conn is None or conn.free_slots <= 0:
                return False
            conn.active_jobs.add(job_id)
            async with self.leases.lock:
                self.leases.record(job_id, runner_id, lease_seconds)
        return True

    def release_job(self, runner_id: int, job_id: int) -> None:
        conn = self._connections.get(runner_id)
        if conn is not None:
            conn.active_jobs.discard(job_id)

    async def send(self, runner_id: int, message: dict[str, Any]) -> bool:
        conn = self._connections.get(runner_id)
        if conn is None:
            return False
        async with conn.send_lock:
            await asyncio.wait_for(conn.websocket.send_json(message), timeout=10)
        return True
