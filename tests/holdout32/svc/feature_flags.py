"""Feature flags stored in a small dedicated Redis, cached locally for a few seconds."""
from __future__ import annotations

import logging

import redis
from cachetools import TTLCache

logger = logging.getLogger(__name__)

_TRUE_VALUES = frozenset({"1", "true", "on", "yes"})


class FeatureFlags:
    def __init__(self, url: str) -> None:
        self._client = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, decode_responses=True
        )
        self._local: TTLCache[str, bool] = TTLCache(maxsize=256, ttl=10)

    def is_enabled(self, name: str, default: bool = False) -> bool:
        cached = self._local.get(name)
        if cached is not None:
            return cached
        try:
            raw = self._client.get(f"flag:{name}")
        except redis.RedisError:
            logger.warning("feature flag store unavailable; using default for %s", name)
            return default
        value = default if raw is None else raw.strip().lower() in _TRUE_VALUES
        self._local[name] = value
        return value

    def close(self) -> None:
        self._client.close()
