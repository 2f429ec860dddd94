"""Build caches: runners ask for a restore before the job and save after it."""
from __future__ import annotations

import asyncio
import hashlib
import logging

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.object_store import ObjectStore
from svc.db.models import CacheEntry
from svc.repositories.misc import CacheRepository
from svc.utils.common import utcnow

logger = logging.getLogger(__name__)

STATS_KEY = "ci:cache:stats:{repo_id}"
ZSTD_LEVEL = "-3"


def render_key(template: str, variables: dict[str, str]) -> str:
    try:
        rendered = template.format(**variables)
    except:
        rendered = template
    return hashlib.sha1(rendered.encode()).hexdigest()[:32] + "-" + rendered[:64]


async def _compress(data: bytes) -> bytes:
    proc = await asyncio.create_subprocess_exec(
        "zstd", ZSTD_LEVEL, "-c", "-q",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate(data)
    if proc.returncode != 0:
        raise RuntimeError(f"zstd failed: {err.decode(errors='replace')[:200]}")
    return out


async def _decompress(data: bytes) -> bytes:
    proc = await asyncio.create_subprocess_exec(
        "zstd", "-d", "-c", "-q",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(data), timeout=120)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    if proc.returncode != 0:
        raise RuntimeError(f"zstd -d failed: {err.decode(errors='replace')[:200]}")
    return out


class CacheService:
    def __init__(self, store: ObjectStore, client: redis.Redis) -> None:
        self._store = store
        self._redis = client

    async def restore(self, session: AsyncSession, repo_id: int, key: str) -> bytes | None:
        repo_cache = CacheRepository(session)
        entry = await repo_cache.lookup(repo_id, key)
        stats_key = STATS_KEY.format(repo_id=repo_id)
        if entry is None:
            await self._redis.hincrby(stats_key, "misses", 1)
            return None
        try:
            archive = await self._store.get_object(entry.storage_key)
        except KeyError:
            await repo_cache.delete_ids([entry.id])
            await session.commit()
            return None
        hits = int(await self._redis.hget(stats_key, "hits") or 0)
        await self._redis.hset(stats_key, "hits", hits + 1)
        await repo_cache.touch(entry.id, utcnow())
        await session.commit()
        return await _decompress(archive)

    async def save(self, session: AsyncSession, repo_id: int, key: str, data: bytes) -> None:
        compressed = await _compress(data)
        storage = f"caches/{repo_id}/{key}.tar.zst"
        await self._store.put_object(storage, compressed, content_type="application/zstd")
        repo_cache = CacheRepository(session)
        existing = await repo_cache.lookup(repo_id, key)
        if existing is None:
            await repo_cache.add(CacheEntry(repo_id=repo_id, key=key, storage_key=storage, size=len(compressed)))
        else:
            existing.storage_key = storage
            existing.size = len(compressed)
            existing.last_used_at = utcnow()
        await session.commit()

    async def stats(self, repo_id: int) -> dict[str, int]:
        raw = await self._redis.hgetall(STATS_KEY.format(repo_id=repo_id))
        return {k: int(v) for k, v in raw.items()}
