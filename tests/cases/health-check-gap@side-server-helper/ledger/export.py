"""Export process with a probe that does check its database."""
import asyncio

from aiohttp import web

from ledger import db


async def ready(request: web.Request) -> web.Response:
    try:
        async with db.pool.acquire() as conn:
            await conn.fetchval("SELECT 1")
    except Exception:
        return web.json_response({"ready": False}, status=503)
    return web.json_response({"ready": True})


async def start_probe() -> None:
    app = web.Application()
    app.router.add_get("/ready", ready)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", 9102).start()


async def main() -> None:
    await db.open_pool()
    await start_probe()
    while True:
        async with db.pool.acquire() as conn:
            await conn.execute("DELETE FROM exports WHERE sent")
        await asyncio.sleep(60)
