"""Per-replica registry of open websocket connections."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from redis.asyncio import Redis
from starlette.websockets import WebSocket, WebSocketState

logger = logging.getLogger(__name__)


class ConnectionRegistry:
    def __init__(self) -> None:
        self.candidates: dict[int, WebSocket] = {}
        self.candidate_rooms: dict[int, str] = {}
        self.proctors: dict[int, set[WebSocket]] = defaultdict(set)
        self.proctor_queues: dict[WebSocket, asyncio.Queue] = {}
        self.room_lock = asyncio.Lock()
        self.proctor_lock = asyncio.Lock()

    async def add_candidate(self, attempt_id: int, ws: WebSocket, room: str | None) -> None:
        async with self.room_lock:
            previous = self.candidates.get(attempt_id)
            self.candidates[attempt_id] = ws
            if room:
                self.candidate_rooms[attempt_id] = room
        if previous is not None and previous.application_state == WebSocketState.CONNECTED:
            await previous.close(code=4000, reason="replaced by a newer connection")

    async def remove_candidate(self, attempt_id: int, ws: WebSocket) -> None:
        async with self.room_lock:
            if self.candidates.get(attempt_id) is ws:
                del self.candidates[attempt_id]
                self.candidate_rooms.pop(attempt_id, None)

    async def add_proctor(self, exam_id: int, ws: WebSocket) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        async with self.proctor_lock:
            self.proctors[exam_id].add(ws)
            self.proctor_queues[ws] = queue
        return queue

    async def remove_proctor(self, exam_id: int, ws: WebSocket) -> None:
        async with self.proctor_lock:
            self.proctors[exam_id].discard(ws)
            if not self.proctors[exam_id]:
                del self.proctors[exam_id]
            self.proctor_queues.pop(ws, None)

    def dispatch(self, exam_id: int, message: dict[str, Any]) -> int:
        delivered = 0
        for ws in list(self.proctors.get(exam_id, ())):
            queue = self.proctor_queues.get(ws)
            if queue is not None:
                queue.put_nowait(message)
                delivered += 1
        return delivered

    async def move_room(self, attempt_id: int, new_room: str, exam_id: int) -> None:
        async with self.room_lock:
            self.candidate_rooms[attempt_id] = new_room
            ws = self.candidates.get(attempt_id)
            if ws is not None:
                await ws.send_json({"type": "room_changed", "room": new_room})
            async with self.proctor_lock:
                for queue in [self.proctor_queues[p] for p in self.proctors.get(exam_id, ())]:
                    queue.put_nowait({"type": "room_changed", "attempt_id": attempt_id, "room": new_room})

    def open_count(self) -> dict[str, int]:
        return {
            "candidates": len(self.candidates),
            "proctors": sum(len(v) for v in self.proctors.values()),
        }


PATTERN = "proctor:exam:*"


class ProctorFanout:
    def __init__(self, redis: Redis, registry: ConnectionRegistry) -> None:
        self._redis = redis
        self._registry = registry

    async def run(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe(PATTERN)
        logger.info("proctor fan-out subscribed to %s", PATTERN)
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                try:
                    exam_id = int(str(message["channel"]).rsplit(":", 1)[1])
                    payload = json.loads(message["data"])
                except (ValueError, IndexError) as exc:
                    logger.warning("dropping malformed proctor message on %s: %s", message.get("channel"), exc)
                    continue
                self._registry.dispatch(exam_id, payload)
        finally:
            await pubsub.punsubscribe(PATTERN)
            await pubsub.aclose()


registry = ConnectionRegistry()
