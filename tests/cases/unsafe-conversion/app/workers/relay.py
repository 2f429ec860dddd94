"""A Redis listener: messages come from the application itself, not from clients."""
from __future__ import annotations

import json
import pickle

from redis.asyncio import Redis


async def relay(redis: Redis) -> None:
    pubsub = redis.pubsub()
    await pubsub.subscribe("orders")
    async for event in pubsub.listen():
        payload = json.loads(event["data"])
        cached = await redis.get(f"order:{payload['id']}")
        if cached:
            pickle.loads(cached)
