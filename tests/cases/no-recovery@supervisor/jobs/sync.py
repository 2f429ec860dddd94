import asyncio

import httpx

from jobs.db import pool


async def mirror_prices(client: httpx.AsyncClient) -> None:
    while True:
        resp = await client.get("/prices")
        resp.raise_for_status()
        async with pool.acquire() as conn:
            await conn.executemany("UPDATE prices SET value = $2 WHERE sku = $1", list(resp.json().items()))
        await asyncio.sleep(30)


async def expire_holds() -> None:
    while True:
        async with pool.acquire() as conn:
            await conn.execute("DELETE FROM holds WHERE expires_at < now()")
        await asyncio.sleep(60)
