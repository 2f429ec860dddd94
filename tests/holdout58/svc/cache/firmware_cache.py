"""Firmware manifests: a short-lived local copy in front of redis in front of the registry."""
from __future__ import annotations

import contextlib
import json
import logging
import threading
import time

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..db.models import Firmware

logger = logging.getLogger(__name__)


class ManifestCache:
    def __init__(self, redis: Redis, session_factory: async_sessionmaker, ttl_seconds: int = 300) -> None:
        self._redis = redis
        self._session_factory = session_factory
        self._ttl = ttl_seconds
        self._lock = threading.Lock()
        self._local: dict[str, tuple[float, dict]] = {}
        self._hits = 0
        self._misses = 0

    async def get(self, firmware_id: str) -> dict | None:
        with self._lock:
            entry = self._local.get(firmware_id)
            if entry is not None and entry[0] > time.monotonic():
                self._hits += 1
                return entry[1]
            self._misses += 1
            manifest = await self._load(firmware_id)
            if manifest is not None:
                self._local[firmware_id] = (time.monotonic() + self._ttl, manifest)
        return manifest

    def stats(self) -> dict[str, int]:
        return {"hits": self._hits, "misses": self._misses, "entries": len(self._local)}

    def invalidate(self, firmware_id: str) -> None:
        with self._lock, contextlib.suppress(KeyError):
            del self._local[firmware_id]

    async def _load(self, firmware_id: str) -> dict | None:
        key = f"fw:manifest:{firmware_id}"
        try:
            raw = await self._redis.get(key)
        except RedisError as exc:
            logger.warning("manifest cache read failed for %s: %s; reading registry", firmware_id, exc)
            raw = None
        if raw:
            return json.loads(raw)
        async with self._session_factory() as session:
            fw = await session.get(Firmware, firmware_id)
        if fw is None:
            return None
        manifest = {
            "firmware_id": fw.id,
            "version": fw.version,
            "hw_revision": fw.hw_revision,
            "sha256": fw.sha256,
            "size": fw.size_bytes,
            "object_key": fw.object_key,
        }
        try:
            await self._redis.set(key, json.dumps(manifest), ex=self._ttl)
        except RedisError as exc:
            logger.warning("manifest cache write failed for %s: %s", firmware_id, exc)
        return manifest
