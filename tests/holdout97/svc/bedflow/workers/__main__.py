from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from ..container import Container
from ..logging_setup import configure_logging
from ..settings import get_settings
from .adt_stream_consumer import AdtStreamConsumer
from .census_report import CensusReportWorker
from .cleaning_sla import CleaningSlaWorker
from .hold_expiry import HoldExpiryWorker

logger = logging.getLogger(__name__)

WORKERS = {
    "adt-stream": AdtStreamConsumer,
    "cleaning-sla": CleaningSlaWorker,
    "census-report": CensusReportWorker,
    "hold-expiry": HoldExpiryWorker,
}


async def run_worker(worker) -> None:
    while True:
        try:
            await worker.run()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker %s crashed, restarting", worker.name)


async def main_async(name: str) -> None:
    container = await Container.create(get_settings())
    worker = WORKERS[name](container)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    task = asyncio.create_task(run_worker(worker), name=name)
    await stop.wait()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await container.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="bedflow.workers")
    parser.add_argument("worker", choices=sorted(WORKERS))
    args = parser.parse_args()
    configure_logging()
    asyncio.run(main_async(args.worker))


if __name__ == "__main__":
    main()
