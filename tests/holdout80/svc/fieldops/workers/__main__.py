from __future__ import annotations

import argparse
import asyncio
import signal

from fieldops.logging_setup import configure_logging, get_logger
from fieldops.settings import get_settings
from fieldops.workers.catalog_worker import CatalogWorker
from fieldops.workers.contract_generator import ContractGenerator
from fieldops.workers.notification_worker import NotificationWorker
from fieldops.workers.retention import RetentionWorker
from fieldops.workers.common import build_resources, supervise

logger = get_logger("fieldops.workers")

WORKERS = {
    "contracts": ContractGenerator,
    "notifications": NotificationWorker,
    "catalog": CatalogWorker,
    "retention": RetentionWorker,
}


async def main(name: str) -> None:
    settings = get_settings()
    resources = await build_resources(settings)
    worker = WORKERS[name](resources)
    runner = asyncio.create_task(supervise(name, worker.run_forever))
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, runner.cancel)
    try:
        await runner
    except asyncio.CancelledError:
        logger.info("worker stopping", worker=name)
    finally:
        await resources.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m fieldops.workers")
    parser.add_argument("worker", choices=sorted(WORKERS))
    args = parser.parse_args()
    configure_logging()
    asyncio.run(main(args.worker))
