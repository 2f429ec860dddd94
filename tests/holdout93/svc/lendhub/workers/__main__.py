"""Worker process: python -m lendhub.workers"""
from __future__ import annotations

import asyncio
import logging
import signal

from ..cache import close_redis, init_redis
from ..db import close_pg_pool, dispose_engine, init_engine, init_pg_pool
from ..repositories import DeliveryRepository
from ..services.delivery import DeliveryService
from ..services.notifications import Notifier
from ..settings import get_settings
from .delivery_files import run_delivery
from .rate_lock_expiry import run_rate_lock_sweeper
from .runner import supervise
from .trid_timers import run_trid_timers

log = logging.getLogger("lendhub.workers")


async def main() -> None:
    settings = get_settings()
    init_engine()
    await init_pg_pool()
    await init_redis()
    notifier = Notifier("smtp.internal", 587, "locks@lendhub.example")
    delivery = DeliveryService(DeliveryRepository(), settings.delivery_outbox, {"fnma": "https://deliver.fnma.example/upload"})
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    tasks = [
        asyncio.create_task(supervise("trid", lambda: run_trid_timers(settings.trid_sweep_seconds))),
        asyncio.create_task(supervise("delivery", lambda: run_delivery(delivery, DeliveryRepository()))),
        asyncio.create_task(
            supervise("rate-locks", lambda: run_rate_lock_sweeper(notifier, {}, settings.rate_lock_sweep_seconds))
        ),
    ]
    await stop.wait()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await delivery.aclose()
    await close_redis()
    await close_pg_pool()
    await dispose_engine()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
