"""Per-workspace locks and quotas in Redis.

A task's client lives and dies with the task: each Celery task runs its async code in a loop of
its own, and a pooled connection bound to a finished loop fails on the next task.
"""
import redis.asyncio as redis

REDIS_URL = "redis://redis:6379/1"


async def clear_workspace_locks(workspace_id: int) -> int:
    client = redis.from_url(REDIS_URL, decode_responses=True)
    try:
        keys = [key async for key in client.scan_iter(f"ws:{workspace_id}:*")]
        return await client.delete(*keys) if keys else 0
    finally:
        await client.aclose()


async def quota_left(user_id: int) -> int:
    client = redis.from_url(REDIS_URL, decode_responses=True)  # expect: connection-management
    try:
        used = await client.get(f"quota:{user_id}")
        return 100 - int(used or 0)
    finally:
        await client.aclose()
