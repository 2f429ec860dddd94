from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable

from redis.asyncio import Redis

logger = logging.getLogger(__name__)

BOARD_CHANNEL = "bedflow:board"


async def publish_board_event(redis: Redis, event: dict[str, Any]) -> None:
    await redis.publish(BOARD_CHANNEL, json.dumps(event, default=str))


async def listen_board_events(redis: Redis, handler: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
    pubsub = redis.pubsub()
    await pubsub.subscribe(BOARD_CHANNEL)
    try:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            try:
                event = json.loads(message["data"])
            except json.JSONDecodeError:
                logger.warning("dropping malformed board event: %r", message["data"][:200])
                continue
            await handler(event)
    finally:
        await pubsub.unsubscribe(BOARD_CHANNEL)
        await pubsub.aclose()
