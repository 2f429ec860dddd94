import asyncio

import httpx

from relay.workers import build_context


async def forward_events(stop: asyncio.Event) -> None:
    ctx = await build_context()
    while not stop.is_set():
        event = await ctx.redis.blpop("events", timeout=5)
        if event:
            await ctx.pool.execute("INSERT INTO forwarded (body) VALUES ($1)", event[1])


async def forward_alerts(stop: asyncio.Event) -> None:
    ctx = await build_context()
    while not stop.is_set():
        alert = await ctx.redis.blpop("alerts", timeout=5)
        if alert:
            async with httpx.AsyncClient(timeout=10) as http:  # expect: connection-management
                await http.post("https://hooks.example.com/alerts", content=alert[1])
