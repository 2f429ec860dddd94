"""Live class leaderboards: effort points in Redis sorted sets, fanned out to viewers over websockets."""
from __future__ import annotations

import asyncio
import copy
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from redis.asyncio import Redis
from starlette.websockets import WebSocket

from svc.repositories.members import MemberRepository

logger = logging.getLogger(__name__)

TOP_N = 10


@dataclass(eq=False)
class Viewer:
    ws: WebSocket
    member_id: int | None
    outbox: asyncio.Queue[str] = field(default_factory=lambda: asyncio.Queue(maxsize=32))


class LeaderboardHub:
    def __init__(self, redis: Redis, members: MemberRepository) -> None:
        self._redis = redis
        self._members = members
        self._viewers: dict[int, set[Viewer]] = {}
        self._snapshots: dict[int, list[dict[str, Any]]] = {}
        self._scores_lock = asyncio.Lock()
        self._viewers_lock = asyncio.Lock()

    async def add_viewer(self, class_id: int, viewer: Viewer) -> int:
        async with self._viewers_lock:
            viewers = self._viewers.setdefault(class_id, set())
            viewers.add(viewer)
            return len(viewers)

    async def remove_viewer(self, class_id: int, viewer: Viewer) -> None:
        async with self._viewers_lock:
            viewers = self._viewers.get(class_id)
            if viewers is not None:
                viewers.discard(viewer)
                if not viewers:
                    del self._viewers[class_id]

    async def record_effort(self, class_id: int, member_id: int, points: float) -> None:
        await self._redis.zincrby(f"lb:{class_id}", points, str(member_id))
        await self._redis.publish(f"lb-updates:{class_id}", "1")

    async def _ranking(self, class_id: int) -> list[dict[str, Any]]:
        raw = await self._redis.zrevrange(f"lb:{class_id}", 0, 499, withscores=True)
        entries = [{"member_id": int(m), "points": round(s, 1)} for m, s in raw]
        ranked = sorted(copy.deepcopy(entries), key=lambda e: e["points"], reverse=True)
        return ranked

    async def publish_snapshot(self, class_id: int) -> None:
        ranking = await self._ranking(class_id)
        payload = {"type": "leaderboard", "class_id": class_id, "top": ranking[:TOP_N]}
        async with self._scores_lock:
            self._snapshots[class_id] = ranking
            async with self._viewers_lock:
                targets = list(self._viewers.get(class_id, ()))
        for viewer in targets:
            await viewer.ws.send_json(payload)

    def announce(self, class_id: int, text: str) -> int:
        """Coach announcements; viewers that are not keeping up skip messages."""
        message = json.dumps({"type": "announcement", "text": text})
        delivered = 0
        for viewer in self._viewers.get(class_id, ()):
            try:
                viewer.outbox.put_nowait(message)
                delivered += 1
            except asyncio.QueueFull:
                logger.debug("viewer outbox full, dropping announcement")
        return delivered

    async def reset_class(self, class_id: int) -> None:
        reset = json.dumps({"type": "reset"})
        async with self._scores_lock:
            self._snapshots.pop(class_id, None)
        async with self._viewers_lock:  # taken only after the scores lock has been released
            for viewer in self._viewers.get(class_id, ()):
                if not viewer.outbox.full():
                    viewer.outbox.put_nowait(reset)

    async def class_ended(self, class_id: int) -> list[dict[str, Any]]:
        async with self._viewers_lock:
            viewers = self._viewers.pop(class_id, set())
            for viewer in viewers:
                await viewer.ws.close(code=1000, reason="class ended")
            async with self._scores_lock:  # final standings are taken from the cached ranking
                final = self._snapshots.pop(class_id, [])
        await self._redis.expire(f"lb:{class_id}", 86400)
        return final

    def snapshot(self, class_id: int) -> list[dict[str, Any]]:
        return list(self._snapshots.get(class_id, []))

    async def listen(self) -> None:
        """Turn score-update notifications from any replica into snapshots for local viewers."""
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe("lb-updates:*")
        async for message in pubsub.listen():
            if message["type"] != "pmessage":
                continue
            class_id = int(message["channel"].split(":", 1)[1])
            if class_id in self._viewers:
                await self.publish_snapshot(class_id)
