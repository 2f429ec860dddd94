"""Fan-out of editor presence (cross-replica, via redis) and of the project activity feed."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import TYPE_CHECKING

import redis.asyncio as redis

if TYPE_CHECKING:
    from glossa.services.editor import Room

try:
    import orjson

    def dumps(obj: object) -> str:
        return orjson.dumps(obj).decode()
except ImportError:  # pragma: no cover - orjson is optional

    def dumps(obj: object) -> str:
        return json.dumps(obj, separators=(",", ":"), default=str)

logger = logging.getLogger(__name__)


class PresenceBroadcaster:
    """Every replica publishes the state of its local rooms; clients merge them per replica."""

    def __init__(self, client: redis.Redis, replica_id: str) -> None:
        self._redis = client
        self._replica = replica_id

    @staticmethod
    def channel(project_id: int, locale: str) -> str:
        return f"editor:{project_id}:{locale}"

    async def publish_room(self, room: Room) -> None:
        state = await room.snapshot()
        state["replica"] = self._replica
        await self._redis.publish(self.channel(room.project_id, room.locale), dumps(state))

    async def publish_event(self, project_id: int, locale: str, event: dict) -> None:
        payload = dumps({**event, "replica": self._replica})
        await self._redis.publish(self.channel(project_id, locale), payload)


class ActivityHub:
    """Project activity (imports, reviews, releases) pushed to dashboards over /ws/.../activity."""

    def __init__(self) -> None:
        self._subscribers: dict[int, set[asyncio.Queue[dict]]] = defaultdict(set)

    def subscribe(self, project_id: int) -> asyncio.Queue[dict]:
        queue: asyncio.Queue[dict] = asyncio.Queue()
        self._subscribers[project_id].add(queue)
        return queue

    def unsubscribe(self, project_id: int, queue: asyncio.Queue[dict]) -> None:
        subscribers = self._subscribers.get(project_id)
        if subscribers is not None:
            subscribers.discard(queue)
            if not subscribers:
                del self._subscribers[project_id]

    def publish(self, project_id: int, event: dict) -> int:
        subscribers = self._subscribers.get(project_id, ())
        for queue in subscribers:
            queue.put_nowait(event)
        return len(subscribers)
