from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import redis.asyncio as redis

log = logging.getLogger(__name__)

OVERVIEW_CHANNEL = "plant:overview"
ALARM_CHANNEL = "alarms:console"


async def publish(client: redis.Redis, channel: str, payload: dict[str, Any]) -> None:
    await client.publish(channel, json.dumps(payload, default=str))


async def subscribe(client: redis.Redis, channel: str) -> AsyncIterator[dict[str, Any]]:
    ps = client.pubsub()
    await ps.subscribe(channel)
    try:
        async for message in ps.listen():
            if message.get("type") != "message":
                continue
            try:
                yield json.loads(message["data"])
            except json.JSONDecodeError:
                log.warning("dropping malformed message on %s", channel)
    finally:
        await ps.unsubscribe(channel)
        await ps.aclose()
