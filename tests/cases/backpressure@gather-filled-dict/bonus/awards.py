"""Campaign bonuses: one award per member of a segment, computed first, then credited."""
from __future__ import annotations

import asyncio

import asyncpg
import httpx

_ledger_slots = asyncio.Semaphore(10)


async def credit(client: httpx.AsyncClient, member_id: int, points: int) -> bool:
    resp = await client.post(f"/members/{member_id}/credits", json={"points": points})
    return resp.status_code < 300


async def credit_limited(client: httpx.AsyncClient, member_id: int, points: int) -> bool:
    async with _ledger_slots:
        resp = await client.post(f"/members/{member_id}/credits", json={"points": points})
        return resp.status_code < 300


async def run_campaign(pool: asyncpg.Pool, client: httpx.AsyncClient, segment: int, bonus: int) -> int:
    async with pool.acquire() as conn:
        member_ids = [r["id"] for r in await conn.fetch("SELECT id FROM members WHERE segment = $1", segment)]
    awards: dict[int, int] = {}
    for member_id in member_ids:
        awards[member_id] = bonus * 2 if member_id % 7 == 0 else bonus
    results = await asyncio.gather(*(credit(client, m, p) for m, p in awards.items()))  # expect: backpressure
    return sum(1 for ok in results if ok)


async def run_campaign_limited(pool: asyncpg.Pool, client: httpx.AsyncClient, segment: int, bonus: int) -> int:
    async with pool.acquire() as conn:
        member_ids = [r["id"] for r in await conn.fetch("SELECT id FROM members WHERE segment = $1", segment)]
    awards: dict[int, int] = {}
    for member_id in member_ids:
        awards[member_id] = bonus
    results = await asyncio.gather(*(credit_limited(client, m, p) for m, p in awards.items()))
    return sum(1 for ok in results if ok)


async def seed_tiers(client: httpx.AsyncClient, bonus: int) -> None:
    awards: dict[int, int] = {}
    for tier in range(3):
        awards[tier] = bonus * (tier + 1)
    await asyncio.gather(*(credit(client, t, p) for t, p in awards.items()))
