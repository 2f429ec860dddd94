from __future__ import annotations

import json
import logging
import socket

import redis.asyncio as aioredis

from portops.services.audit import AUDIT_STREAM
from portops.workers.context import WorkerContext

log = logging.getLogger(__name__)

GROUP = "audit-archiver"


async def _ensure_group(redis: aioredis.Redis) -> None:
    try:
        await redis.xgroup_create(AUDIT_STREAM, GROUP, id="0", mkstream=True)
    except aioredis.ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise


async def run(ctx: WorkerContext) -> None:
    """Copy audit entries into Postgres; replicas share the work through a consumer group."""
    await _ensure_group(ctx.redis)
    consumer = f"{socket.gethostname()}-audit"
    while True:
        response = await ctx.redis.xreadgroup(GROUP, consumer, {AUDIT_STREAM: ">"}, count=200, block=5000)
        for _stream, entries in response or []:
            async with ctx.pg.acquire(timeout=5) as conn:
                await conn.executemany(
                    "INSERT INTO audit_log (stream_id, action, at, data) VALUES ($1, $2, $3, $4) "
                    "ON CONFLICT (stream_id) DO NOTHING",
                    [(eid, f["action"], f["at"], json.loads(f["data"])) for eid, f in entries],
                )
            await ctx.redis.xack(AUDIT_STREAM, GROUP, *[eid for eid, _ in entries])
