"""Matter activity feed: a capped redis stream for history plus pub/sub for live listeners."""
from __future__ import annotations

import copy
import json
import logging
from datetime import datetime, timezone
from typing import Any

import redis.asyncio as aioredis

log = logging.getLogger(__name__)

STREAM_MAXLEN = 2000


class ActivityService:
    def __init__(self, redis: aioredis.Redis, pubsub_redis: aioredis.Redis) -> None:
        self._redis = redis
        self._pubsub_redis = pubsub_redis

    @staticmethod
    def stream_key(matter_id: int) -> str:
        return f"activity:stream:{matter_id}"

    @staticmethod
    def channel(matter_id: int) -> str:
        return f"activity:live:{matter_id}"

    async def publish(self, matter_id: int, event: dict[str, Any]) -> None:
        envelope = copy.deepcopy(event)
        envelope.setdefault("ts", datetime.now(timezone.utc).isoformat())
        envelope["matter_id"] = matter_id
        payload = json.dumps(envelope, default=str)
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.xadd(self.stream_key(matter_id), {"event": payload}, maxlen=STREAM_MAXLEN, approximate=True)
            pipe.publish(self.channel(matter_id), payload)
            await pipe.execute()

    async def recent(self, matter_id: int, limit: int = 50) -> list[dict[str, Any]]:
        entries = await self._redis.xrevrange(self.stream_key(matter_id), count=limit)
        return [json.loads(fields["event"]) for _entry_id, fields in entries]

    def pubsub(self) -> aioredis.client.PubSub:
        return self._pubsub_redis.pubsub(ignore_subscribe_messages=True)
