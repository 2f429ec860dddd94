from __future__ import annotations

import asyncio
import logging
import time

from svc.realtime import NotificationHub

logger = logging.getLogger(__name__)


class HubDispatcher:
    """Drains the hub's event queue into the per-connection outboxes of this process."""

    def __init__(self, hub: NotificationHub) -> None:
        self._hub = hub

    async def run(self) -> None:
        while True:
            event = await self._hub.next_event()
            delivered = self._hub.deliver(event)
            logger.debug("event %s delivered to %d sockets", event.event, delivered)


class PresenceSweeper:
    """Closes sockets of users that have not sent anything for ``max_idle_s``."""

    def __init__(self, hub: NotificationHub, max_idle_s: float, interval_s: float = 30.0) -> None:
        self._hub = hub
        self._max_idle_s = max_idle_s
        self._interval_s = interval_s
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            closed = await self.sweep_once()
            if closed:
                logger.info("closed %d idle sockets", closed)
            asyncio.sleep(self._interval_s)

    async def sweep_once(self) -> int:
        now = time.monotonic()
        closed = 0
        async with self._hub.presence_lock:
            idle = [uid for uid, seen in self._hub.last_seen.items() if now - seen > self._max_idle_s]
            for user_id in idle:
                async with self._hub.registry_lock:
                    conns = self._hub.connections.pop(user_id, set())
                    self._hub.last_seen.pop(user_id, None)
                for conn in conns:
                    await conn.websocket.close(code=1001)
                    closed += 1
        return closed
