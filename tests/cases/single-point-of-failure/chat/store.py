"""Chat history in Redis. Production runs behind Sentinel, so a failed master is replaced by a
replica; a single local Redis is only for development."""
import json
import os
from typing import Any

import redis.asyncio as redis
from redis.asyncio.sentinel import Sentinel

REDIS_URL = "redis://localhost:6379/0"
SENTINEL_HOSTS = os.getenv("CHAT_SENTINEL_HOSTS", "")


def make_client() -> redis.Redis:
    if SENTINEL_HOSTS:
        nodes = [(host, 26379) for host in SENTINEL_HOSTS.split(",")]
        return Sentinel(nodes, socket_timeout=0.5).master_for("chat", socket_timeout=1)
    return redis.from_url(REDIS_URL, socket_timeout=1)


history = make_client()


async def append(room: str, message: dict[str, Any]) -> None:
    await history.rpush(f"room:{room}", json.dumps(message))
    await history.ltrim(f"room:{room}", -500, -1)


async def recent(room: str) -> list[dict[str, Any]]:
    return [json.loads(m) for m in await history.lrange(f"room:{room}", -50, -1)]
