from __future__ import annotations

import asyncio

catalog_lock = asyncio.Lock()
quota_lock = asyncio.Lock()
_usage = {"bytes": 0}


async def publish(asset_id: int, size: int, store) -> None:
    async with catalog_lock:
        async with quota_lock:
            _usage["bytes"] += size
        await store.mark_published(asset_id)


async def release_space(asset_id: int, size: int, store) -> None:
    await quota_lock.acquire()
    try:
        _usage["bytes"] -= size
        async with catalog_lock:  # expect: deadlock
            await store.mark_deleted(asset_id)
    finally:
        quota_lock.release()


async def shrink(size: int, store) -> None:
    await quota_lock.acquire()
    try:
        _usage["bytes"] -= size
    finally:
        quota_lock.release()
    async with catalog_lock:
        await store.compact()


async def purge(asset_id: int, size: int, store) -> None:
    await catalog_lock.acquire()
    try:
        async with quota_lock:
            _usage["bytes"] -= size
        await store.mark_deleted(asset_id)
    finally:
        catalog_lock.release()
