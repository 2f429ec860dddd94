"""What every worker is built with."""
from __future__ import annotations

import redis.asyncio as redis


class Container:
    def __init__(self) -> None:
        self.redis = redis.Redis(host="redis", socket_timeout=3)
