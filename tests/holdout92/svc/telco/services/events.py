from __future__ import annotations

import json
import logging

import redis.asyncio as aioredis

from telco.redis_client import balance_channel

logger = logging.getLogger(__name__)


class EventPublisher:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    async def balance_changed(self, subscriber_id: int, available_cents: int, data_kb: int) -> None:
        payload = json.dumps({"subscriber_id": subscriber_id, "available_cents": available_cents, "data_kb": data_kb})
        await self._redis.publish(balance_channel(subscriber_id), payload)
