"""Startup and shutdown hooks the app's signals run."""
import asyncio

from aiohttp import web


async def poll_prices() -> None:
    while True:
        await asyncio.sleep(30)


async def start_price_poller(app: web.Application) -> None:
    app["poller"] = asyncio.create_task(poll_prices())


async def close_pool(app: web.Application) -> None:
    app["poller"].cancel()


async def pool_context(app: web.Application):
    app["pool"] = object()
    yield
    app["pool"] = None
