"""Settlement worker process: python -m ledger.settle"""
import asyncio

from aiohttp import web

from ledger import db
from ledger.probes import serve_probes


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"healthy": True})  # expect: health-check-gap


async def start_side_server() -> web.AppRunner:
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", 9100).start()
    return runner


async def settle_forever() -> None:
    while True:
        async with db.pool.acquire() as conn:
            await conn.execute("UPDATE entries SET settled = true WHERE due_at < now()")
        await asyncio.sleep(30)


async def main() -> None:
    await db.open_pool()
    probes = await serve_probes(9101)
    side = await start_side_server()
    try:
        await settle_forever()
    finally:
        await probes.cleanup()
        await side.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
