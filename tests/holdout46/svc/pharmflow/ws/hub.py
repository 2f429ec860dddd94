"""Fan-out of delivery and pharmacy-queue events to connected websockets."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

import redis.asyncio as redis
from starlette.websockets import WebSocket

log = logging.getLogger(__name__)


class TrackingHub:
    """Patients watching a delivery by tracking code."""

    def __init__(self) -> None:
        self._subs: dict[str, set[WebSocket]] = defaultdict(set)

    def subscribe(self, code: str, ws: WebSocket) -> None:
        self._subs[code].add(ws)

    def unsubscribe(self, code: str, ws: WebSocket) -> None:
        subs = self._subs.get(code)
        if subs is not None:
            subs.discard(ws)
            if not subs:
                self._subs.pop(code, None)

    async def publish(self, code: str, event: dict[str, Any]) -> None:
        for ws in list(self._subs.get(code, ())):
            try:
                await asyncio.wait_for(ws.send_json(event), timeout=2.0)
            except Exception:
                log.info("dropping tracking subscriber for %s", code)
                self.unsubscribe(code, ws)

    def connection_count(self) -> int:
        return sum(len(s) for s in self._subs.values())


class _Outbox:
    def __init__(self, ws: WebSocket, maxsize: int = 100) -> None:
        self.ws = ws
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=maxsize)
        self.dropped = 0

    def offer(self, event: dict[str, Any]) -> None:
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.dropped += 1


class PharmacyHub:
    """Pharmacy dashboards. Events arrive via redis pub/sub so every replica sees every event."""

    CHANNEL = "pharmacy-events"

    def __init__(self, conn: redis.Redis) -> None:
        self.conn = conn
        self._local: dict[int, set[_Outbox]] = defaultdict(set)
        self._listener: asyncio.Task[None] | None = None

    def count(self, pharmacy_id: int) -> int:
        return len(self._local.get(pharmacy_id, ()))

    def attach(self, pharmacy_id: int, ws: WebSocket) -> _Outbox:
        box = _Outbox(ws)
        self._local[pharmacy_id].add(box)
        return box

    def detach(self, pharmacy_id: int, box: _Outbox) -> None:
        boxes = self._local.get(pharmacy_id)
        if boxes is not None:
            boxes.discard(box)
            if not boxes:
                self._local.pop(pharmacy_id, None)

    async def publish(self, pharmacy_id: int, event: dict[str, Any]) -> None:
        await self.conn.publish(self.CHANNEL, json.dumps({"pharmacy_id": pharmacy_id, "event": event}))

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="pharmacy-hub-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            try:
                await self._listener
            except asyncio.CancelledError:
                pass

    async def _listen(self) -> None:
        backoff = 1.0
        while True:
            try:
                async with self.conn.pubsub() as ps:
                    await ps.subscribe(self.CHANNEL)
                    backoff = 1.0
                    async for message in ps.listen():
                        if message.get("type") != "message":
                            continue
                        data = json.loads(message["data"])
                        for box in list(self._local.get(int(data["pharmacy_id"]), ())):
                            box.offer(data["event"])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("pharmacy hub listener failed; reconnecting in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
