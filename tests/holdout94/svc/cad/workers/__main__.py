"""Worker entry point: python -m cad.workers <unit-timers|stale-avl|diversion|nightly>."""
from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from contextlib import asynccontextmanager

import aiohttp
import httpx

from ..db import create_avl_pool, make_engine, make_redis, make_sessionmaker
from ..services.container import Container
from ..settings import get_settings
from . import diversion_poller, nightly_reports, stale_avl, unit_timers

log = logging.getLogger("cad.workers")

WORKERS = {
    "unit-timers": unit_timers.run_forever,
    "stale-avl": stale_avl.run_forever,
    "diversion": diversion_poller.run_forever,
    "nightly": nightly_reports.run_forever,
}


@asynccontextmanager
async def worker_container():
    settings = get_settings()
    engine = make_engine(settings)
    avl_pool = await create_avl_pool(settings)
    redis = make_redis(settings.redis_url)
    http = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0))
    geocoder_http = httpx.AsyncClient(base_url=settings.geocoder_url)
    aio_session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15, connect=3))
    container = Container(settings, engine, make_sessionmaker(engine), avl_pool, redis, http, geocoder_http, aio_session)
    try:
        yield container
    finally:
        await container.aclose()
        await aio_session.close()
        await geocoder_http.aclose()
        await http.aclose()
        await redis.aclose()
        await avl_pool.close()
        await engine.dispose()


async def main(name: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with worker_container() as container:
        job = asyncio.create_task(WORKERS[name](container))
        stopper = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({job, stopper}, return_when=asyncio.FIRST_COMPLETED)
        for task in (job, stopper):
            task.cancel()
        if job in done and job.exception() is not None:
            log.error("worker %s exited with %r", name, job.exception())
            raise SystemExit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("worker", choices=sorted(WORKERS))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main(args.worker))
