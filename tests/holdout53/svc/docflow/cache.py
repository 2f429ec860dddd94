"""Small caches in front of the database."""
from __future__ import annotations

import copy
import json
import threading
import time
from collections import OrderedDict
from typing import Any

from docflow.redis_client import redis


class TTLCache:
    """Bounded LRU with per-entry expiry; safe to share across requests."""

    def __init__(self, maxsize: int = 2048, ttl: float = 30.0) -> None:
        self._data: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._maxsize = maxsize
        self._ttl = ttl

    def get(self, key: str) -> Any | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return copy.deepcopy(value)

    def set(self, key: str, value: Any) -> None:
        self._data[key] = (time.monotonic() + self._ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self._maxsize:
            self._data.popitem(last=False)

    def invalidate(self, key: str) -> None:
        self._data.pop(key, None)


member_roles = TTLCache(maxsize=10_000, ttl=20.0)

_settings_lock = threading.Lock()
_workspace_settings: dict[str, dict] = {}


async def workspace_settings(workspace_id: str) -> dict:
    with _settings_lock:
        cached = _workspace_settings.get(workspace_id)
        if cached is None:
            raw = await redis().get(f"ws:settings:{workspace_id}")
            cached = json.loads(raw) if raw else {}
            _workspace_settings[workspace_id] = cached
    return cached


async def cached_json(key: str, ttl: int, loader) -> Any:
    raw = await redis().get(key)
    if raw is not None:
        return json.loads(raw)
    value = await loader()
    await redis().set(key, json.dumps(value, default=str), ex=ttl)
    return value
