"""Score worker with a small aiohttp side server for probes: python -m scoring.worker"""
from __future__ import annotations

import asyncio

from aiohttp import web
from redis.asyncio import Redis

redis = Redis.from_url("redis://redis:6379/0", socket_timeout=2, socket_connect_timeout=2)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})  # expect: health-check-gap


async def ready(request: web.Request) -> web.Response:
    try:
        await asyncio.wait_for(redis.ping(), timeout=1)
    except Exception:
        return web.json_response({"status": "unavailable"}, status=503)
    return web.json_response({"status": "ok"})


async def live(request: web.Request) -> web.Response:
    return web.json_response({"status": "alive"})


async def score_forever() -> None:
    while True:
        _key, raw = await redis.blpop("scores:pending")
        await redis.zincrby("scores", 1, raw)


async def main() -> None:
    app = web.Application()
    app.router.add_get("/healthz", health)
    app.router.add_get("/readyz", ready)
    app.router.add_get("/livez", live)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", 8081).start()
    await score_forever()


if __name__ == "__main__":
    asyncio.run(main())
