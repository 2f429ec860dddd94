"""A shared mapping kept in Redis, with the few dict methods the app needs."""
from __future__ import annotations

import json

import redis


class RedisMap:
    def __init__(self, name: str, url: str) -> None:
        self.name = name
        self.client = redis.Redis.from_url(url)

    def __setitem__(self, key: str, value: dict) -> None:
        self.client.hset(self.name, key, json.dumps(value))

    def get(self, key: str, default=None):
        raw = self.client.hget(self.name, key)
        return json.loads(raw) if raw is not None else default

    def remove_many(self, *keys: str) -> None:
        if keys:
            self.client.hdel(self.name, *keys)
