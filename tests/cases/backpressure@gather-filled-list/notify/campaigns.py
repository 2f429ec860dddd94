"""Campaign sends: every opted-in device of an audience gets the message."""
from __future__ import annotations

import asyncio

import asyncpg
import httpx

from notify.push import push_limited, push_one


async def send_campaign(pool: asyncpg.Pool, client: httpx.AsyncClient, audience: int, body: dict) -> int:
    endpoints = []
    async with pool.acquire() as conn:
        for row in await conn.fetch("SELECT endpoint, opted_in FROM devices WHERE audience_id = $1", audience):
            if row["opted_in"]:
                endpoints.append(row["endpoint"])
    codes = await asyncio.gather(*(push_one(client, e, body) for e in endpoints))  # expect: backpressure
    return sum(1 for c in codes if c < 300)


async def resend_failed(client: httpx.AsyncClient, failures: list[dict], body: dict) -> None:
    tasks = []
    for failure in failures:
        if failure.get("retryable"):
            tasks.append(asyncio.create_task(push_one(client, failure["endpoint"], body)))
    await asyncio.gather(*tasks)  # expect: backpressure


async def send_bounded(client: httpx.AsyncClient, devices: list[dict], body: dict) -> None:
    endpoints = []
    for device in devices:
        endpoints.append(device["endpoint"])
    await asyncio.gather(*(push_limited(client, e, body) for e in endpoints))


async def warm_up(client: httpx.AsyncClient, body: dict) -> None:
    probes = []
    for shard in range(4):
        probes.append(push_one(client, f"https://push.example/{shard}/ping", body))
    await asyncio.gather(*probes)
