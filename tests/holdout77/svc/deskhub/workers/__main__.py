from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from ..settings import get_settings
from .access_sync import AccessSyncWorker
from .base import PeriodicWorker, WorkerContext, build_context
from .invoicing import InvoicingWorker
from .reminders import ReminderWorker
from .sensor_rollup import SensorRollupWorker

logger = logging.getLogger("deskhub.workers")

WORKERS: dict[str, type[PeriodicWorker]] = {
    "reminders": ReminderWorker,
    "access-sync": AccessSyncWorker,
    "invoicing": InvoicingWorker,
    "sensor-rollup": SensorRollupWorker,
}


async def supervise(worker: PeriodicWorker, stop: asyncio.Event) -> None:
    """Keep a worker running; a crash is logged and the worker restarted with capped backoff."""
    delay = 1.0
    while not stop.is_set():
        try:
            await worker.run_forever(stop)
            return
        except Exception:
            logger.exception("%s crashed; restarting in %.0fs", worker.name, delay)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass
            delay = min(delay * 2, 120.0)


async def run(names: list[str]) -> None:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    ctx: WorkerContext = await build_context(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await asyncio.gather(*(supervise(WORKERS[name](ctx), stop) for name in names))
    finally:
        await ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m deskhub.workers")
    parser.add_argument("workers", nargs="+", choices=sorted(WORKERS))
    args = parser.parse_args()
    asyncio.run(run(args.workers))


if __name__ == "__main__":
    main()
