from __future__ import annotations

import redis

from homegrid.config import get_settings

_sync_client: redis.Redis | None = None


def _client() -> redis.Redis:
    global _sync_client
    if _sync_client is None:
        _sync_client = redis.Redis.from_url(get_settings().redis_url, decode_responses=True)
    return _sync_client


def is_enabled(flag: str, household_id: str | None = None) -> bool:
    client = _client()
    if household_id is not None:
        override = client.hget(f"flags:{flag}:households", household_id)
        if override is not None:
            return override == "1"
    return client.get(f"flags:{flag}") == "1"
