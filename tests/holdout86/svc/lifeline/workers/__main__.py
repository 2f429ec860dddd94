"""Run a background worker: python -m lifeline.workers {reminders,recalls,low-stock,expiry}."""
from __future__ import annotations

import asyncio
import logging
import sys

from lifeline.cache.redis_client import build_redis
from lifeline.db.engine import build_engine, build_sessionmaker
from lifeline.db.pg import create_pg_pool
from lifeline.services.container import Container, build_container
from lifeline.settings import get_settings
from lifeline.workers.expiry_sweep import ExpirySweeper
from lifeline.workers.low_stock import LowStockWorker
from lifeline.workers.recall_notices import RecallNoticeWorker
from lifeline.workers.reminders import ReminderWorker
from lifeline.workers.runner import supervise

log = logging.getLogger("lifeline.workers")

WORKERS = {
    "reminders": ReminderWorker,
    "recalls": RecallNoticeWorker,
    "low-stock": LowStockWorker,
    "expiry": ExpirySweeper,
}


async def worker_container() -> Container:
    settings = get_settings()
    engine = build_engine(settings)
    pool = await create_pg_pool(settings)
    return await build_container(settings, engine, build_sessionmaker(engine), pool, build_redis(settings))


async def main(name: str) -> None:
    container = await worker_container()
    worker = WORKERS[name](container)
    try:
        await supervise(name, worker.run_forever)
    except BaseException:
        log.info("worker %s stopping", name)
        raise
    finally:
        await container.aclose()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    if len(sys.argv) != 2 or sys.argv[1] not in WORKERS:
        sys.exit(f"usage: python -m lifeline.workers {{{','.join(WORKERS)}}}")
    asyncio.run(main(sys.argv[1]))
