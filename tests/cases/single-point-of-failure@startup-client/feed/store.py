"""The presence store: one Redis at PRESENCE_REDIS_URL, built once at startup."""
import os

from redis.asyncio import Redis

PRESENCE_REDIS_URL = os.environ.get("PRESENCE_REDIS_URL", "redis://presence.internal:6379/0")


def build_presence() -> Redis:
    return Redis.from_url(PRESENCE_REDIS_URL, socket_timeout=2.0, socket_connect_timeout=1.0)  # expect: single-point-of-failure
