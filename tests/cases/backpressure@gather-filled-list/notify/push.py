"""Push delivery to device endpoints."""
from __future__ import annotations

import asyncio

import httpx

_limit = asyncio.Semaphore(20)


async def push_one(client: httpx.AsyncClient, endpoint: str, body: dict) -> int:
    resp = await client.post(endpoint, json=body)
    return resp.status_code


async def push_limited(client: httpx.AsyncClient, endpoint: str, body: dict) -> int:
    async with _limit:
        resp = await client.post(endpoint, json=body)
        return resp.status_code
