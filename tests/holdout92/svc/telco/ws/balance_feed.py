from __future__ import annotations

import asyncio
import json
import logging

import redis.asyncio as aioredis
from fastapi import WebSocket

from telco.redis_client import balance_channel

logger = logging.getLogger(__name__)

QUEUE_SIZE = 32


async def pump_balance_updates(redis: aioredis.Redis, subscriber_id: int, out: asyncio.Queue[dict]) -> None:
    pubsub = redis.pubsub()
    await pubsub.subscribe(balance_channel(subscriber_id))
    try:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            try:
                out.put_nowait(json.loads(message["data"]))
            except asyncio.QueueFull:
                # the app only needs the latest figure; drop the oldest
                out.get_nowait()
                out.put_nowait(json.loads(message["data"]))
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()


async def forward(websocket: WebSocket, queue: asyncio.Queue[dict], idle_timeout: float = 30.0) -> None:
    while True:
        try:
            update = await asyncio.wait_for(queue.get(), timeout=idle_timeout)
        except asyncio.TimeoutError:
            await websocket.send_json({"type": "ping"})
            continue
        await websocket.send_json({"type": "balance", **update})
