from __future__ import annotations

import json
import logging
from typing import Any, AsyncIterator

import redis.asyncio as redis

log = logging.getLogger(__name__)

PIPELINE_CHANNEL = "pipeline:events"
BORROWER_CHANNEL_PREFIX = "borrower:status:"


async def publish_pipeline_event(client: redis.Redis, officer_id: int, payload: dict[str, Any]) -> None:
    await client.publish(PIPELINE_CHANNEL, json.dumps({"officer_id": officer_id, **payload}))


async def publish_borrower_status(client: redis.Redis, application_id: int, status: str) -> None:
    await client.publish(f"{BORROWER_CHANNEL_PREFIX}{application_id}", json.dumps({"status": status}))


async def iter_channel(client: redis.Redis, channel: str) -> AsyncIterator[dict[str, Any]]:
    pubsub = client.pubsub()
    await pubsub.subscribe(channel)
    try:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            try:
                yield json.loads(message["data"])
            except ValueError:
                log.warning("dropping malformed message on %s", channel)
    finally:
        await pubsub.unsubscribe(channel)
        await pubsub.aclose()
