from __future__ import annotations

from typing import Any

from redis.asyncio import Redis

from prefs.ttl import TTLCache

_settings_cache: TTLCache[dict[str, Any]] = TTLCache(ttl=60.0)
_tags_cache: dict[str, list[str]] = {}
_listeners_cache: dict[str, list[Any]] = {}


async def load_settings(account_id: int) -> dict[str, Any]:
    return {"theme": "light", "account": account_id}


class SettingsService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._cache: dict[str, dict[str, Any]] = {}

    async def for_user(self, account_id: int, overrides: dict[str, Any]) -> dict[str, Any]:
        cached = _settings_cache.get(f"settings:{account_id}")
        if cached is not None:
            cached.update(overrides)  # expect: cache-misuse
            return cached  # expect: cache-misuse
        fresh = await load_settings(account_id)
        _settings_cache.set(f"settings:{account_id}", fresh)
        return {**fresh, **overrides}

    def tags_for(self, account_id: int, extra: str) -> list[str]:
        tags = _tags_cache[str(account_id)]
        tags.append(extra)  # expect: cache-misuse
        return tags

    def flags(self, account_id: int) -> dict[str, Any]:
        entry = self._cache.get(str(account_id))
        if entry is None:
            return {}
        entry["seen"] = True  # expect: cache-misuse
        return entry

    async def for_user_copied(self, account_id: int, overrides: dict[str, Any]) -> dict[str, Any]:
        cached = _settings_cache.get(f"settings:{account_id}")
        if cached is not None:
            cached = dict(cached)
            cached.update(overrides)
            return cached
        return {**(await load_settings(account_id)), **overrides}

    async def for_user_merged(self, account_id: int, overrides: dict[str, Any]) -> dict[str, Any]:
        cached = _settings_cache.get(f"settings:{account_id}")
        if cached is not None:
            return {**cached, **overrides}
        return await load_settings(account_id)

    async def bump_visits(self, account_id: int) -> dict[str, Any]:
        cached = _settings_cache.get(f"visits:{account_id}") or {"visits": 0}
        cached["visits"] = cached.get("visits", 0) + 1
        _settings_cache.set(f"visits:{account_id}", cached)
        return cached

    async def remote(self, account_id: int, overrides: dict[str, Any]) -> dict[str, Any]:
        import json

        raw = await self._redis.get(f"settings:{account_id}")
        cached = json.loads(raw) if raw else {}
        cached.update(overrides)
        return cached

    def subscribe(self, topic: str, listener: Any) -> None:
        listeners = _listeners_cache.get(topic)
        if listeners is not None:
            listeners.append(listener)


_badges_cache: dict[str, list[str]] = {}


def badges_for(account_id: int, extra: str) -> list[str]:
    badges = _badges_cache[str(account_id)]
    badges.append(extra)  # expect: cache-misuse
    return badges


def badges_copied(account_id: int, extra: str) -> list[str]:
    badges = list(_badges_cache.get(str(account_id), []))
    badges.append(extra)
    return badges
