from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

from starlette.websockets import WebSocket

logger = logging.getLogger(__name__)

SEND_TIMEOUT_S = 2.0


class RunMonitorHub:
    """Fan-out of run progress events (cycle, cluster density, Q30) to monitor pages."""

    def __init__(self, max_clients: int) -> None:
        self._subscribers: dict[str, set[WebSocket]] = defaultdict(set)
        self._max_clients = max_clients

    @property
    def client_count(self) -> int:
        return sum(len(s) for s in self._subscribers.values())

    def has_capacity(self) -> bool:
        return self.client_count < self._max_clients

    def subscribe(self, run_id: str, ws: WebSocket) -> None:
        self._subscribers[run_id].add(ws)

    def unsubscribe(self, run_id: str, ws: WebSocket) -> None:
        subs = self._subscribers.get(run_id)
        if subs is None:
            return
        subs.discard(ws)
        if not subs:
            self._subscribers.pop(run_id, None)

    async def broadcast(self, run_id: str, event: dict) -> None:
        for ws in list(self._subscribers.get(run_id, ())):
            try:
                await asyncio.wait_for(ws.send_json(event), timeout=SEND_TIMEOUT_S)
            except (asyncio.TimeoutError, RuntimeError, ConnectionError) as exc:
                logger.debug("monitor send to %s failed: %s", run_id, exc)


class JobLogBuffer:
    """Recent pipeline log lines per job, so a viewer that connects late sees the backlog."""

    def __init__(self) -> None:
        self._history: dict[str, list[str]] = defaultdict(list)

    def append(self, job_id: str, line: str) -> None:
        self._history[job_id].append(line)

    def tail(self, job_id: str, n: int = 200) -> list[str]:
        return self._history.get(job_id, [])[-n:]
