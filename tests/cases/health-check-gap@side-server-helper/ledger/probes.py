from aiohttp import web


async def status(request: web.Request) -> web.Response:
    return web.Response(text="ok")  # expect: health-check-gap


async def alive(request: web.Request) -> web.Response:
    return web.Response(text="alive")


async def serve_probes(port: int) -> web.AppRunner:
    app = web.Application()
    app.router.add_route("GET", "/status", status)
    app.router.add_get("/live", alive)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", port).start()
    return runner
