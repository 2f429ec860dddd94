"""Entry point of the worker deployment: `python -m svc.workers.runner`."""
from __future__ import annotations

import asyncio
import logging
import signal

from aiohttp import web

from svc.clients.encoder import EncoderClient
from svc.clients.payments import PaymentsClient
from svc.config import settings
from svc.db import pg
from svc.logging_setup import configure_logging
from svc.redis_client import close_redis, init_redis
from svc.workers.rollup import run_rollup_worker
from svc.workers.scheduler import run_scheduler
from svc.workers.transcode_poller import run_transcode_poller
from svc.workers.webhook_dispatcher import run_dispatcher

log = logging.getLogger(__name__)

HEALTH_PORT = 8081


async def _health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def _start_health_server() -> web.AppRunner:
    app = web.Application()
    app.router.add_get("/health", _health)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", HEALTH_PORT).start()
    return runner


async def main() -> None:
    configure_logging()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    await pg.init_pool()
    redis = init_redis()
    encoder = EncoderClient()
    payments = PaymentsClient()
    health = await _start_health_server()

    tasks = [
        asyncio.create_task(run_rollup_worker(stop), name="rollup"),
        asyncio.create_task(run_dispatcher(stop), name="webhooks"),
        asyncio.create_task(run_scheduler(redis, payments, stop), name="scheduler"),
        asyncio.create_task(run_transcode_poller(encoder), name="transcode-poller"),
    ]
    log.info("%s workers started", settings.service_name)
    await stop.wait()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await health.cleanup()
    await encoder.aclose()
    await payments.aclose()
    await close_redis()
    await pg.close_pool()


if __name__ == "__main__":
    asyncio.run(main())
