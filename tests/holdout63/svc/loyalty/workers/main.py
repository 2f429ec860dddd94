"""Worker process entrypoint: `python -m loyalty.workers.main`. Runs as a deployment with several replicas."""
from __future__ import annotations

import asyncio
import logging
import signal

from loyalty.config import get_settings
from loyalty.container import build_services
from loyalty.db.engine import create_pool, dispose_engine, init_engine, session_factory
from loyalty.redis_client import create_redis
from loyalty.workers.campaign_runner import CampaignRunner
from loyalty.workers.expiry import ExpiryWarnings
from loyalty.workers.outbox import OutboxRelay
from loyalty.workers.scheduler import build_scheduler, expiry_loop, voucher_reconcile_loop

log = logging.getLogger("loyalty.worker")


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = get_settings()
    init_engine(settings)
    sessions = session_factory()
    pool = await create_pool(settings)
    redis_client = create_redis(settings)
    services = await build_services(settings, sessions, pool, redis_client)

    runner = CampaignRunner(sessions, services.segments, services.ledger, services.notifier, redis_client,
                            concurrency=settings.campaign_concurrency)
    warnings = ExpiryWarnings(sessions, services.notifier)
    scheduler = build_scheduler(redis_client, runner, warnings)
    relay = OutboxRelay(sessions, redis_client, services.http)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    await runner.tick()
    scheduler.start()
    background = [
        asyncio.create_task(relay.run(), name="outbox-relay"),
        asyncio.create_task(expiry_loop(services.expiry), name="points-expiry"),
        asyncio.create_task(voucher_reconcile_loop(services.vouchers), name="voucher-reconcile"),
    ]
    await stop.wait()
    log.info("worker shutting down")
    relay.stop()
    for task in background:
        task.cancel()
    await asyncio.gather(*background, return_exceptions=True)
    await scheduler.stop()
    await services.aclose()
    await redis_client.aclose()
    await pool.close()
    await dispose_engine()


if __name__ == "__main__":
    asyncio.run(main())
