"""Shared redis connection."""
from __future__ import annotations

import redis.asyncio as redis

_client = redis.Redis(host="redis", socket_timeout=3)


def client() -> redis.Redis:
    return _client
