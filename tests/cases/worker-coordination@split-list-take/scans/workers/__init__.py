"""Workers turning uploaded scans into reports, fed through Redis lists."""
import json

import redis.asyncio as aioredis

PENDING = "scans:pending"
THUMBS = "scans:thumbs"


def build_redis() -> aioredis.Redis:
    return aioredis.from_url("redis://cache:6379/0", socket_timeout=5)


async def write_report(redis: aioredis.Redis, scan_id: str) -> None:
    await redis.set(f"scans:report:{scan_id}", json.dumps({"scan": scan_id, "ok": True}), ex=86400)
