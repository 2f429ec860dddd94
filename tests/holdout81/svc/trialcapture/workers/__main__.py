"""Background workers: python -m trialcapture.workers {data-lock,reconcile,outbox,all}."""
from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

from ..clients.lab_feed import LabFeedClient
from ..container import build_container
from ..settings import get_settings
from .data_lock import DataLockWorker
from .outbox import OutboxWorker
from .reconciliation import ReconciliationWorker

log = logging.getLogger(__name__)


async def supervise(name: str, job: Callable[[], Awaitable[None]]) -> None:
    """Keep a worker job running for the lifetime of the process."""
    while True:
        try:
            await job()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed; restarting", name)


async def run_until_signalled(jobs: dict[str, Callable[[], Awaitable[None]]]) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    tasks = [asyncio.create_task(supervise(name, job), name=name) for name, job in jobs.items()]
    await stop.wait()
    log.info("shutting down %d worker(s)", len(tasks))
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def main(which: str) -> None:
    settings = get_settings()
    container = await build_container(settings)
    lab = LabFeedClient(settings.lab_feed_host, settings.lab_feed_port)
    jobs = {
        "data-lock": DataLockWorker(container).run_forever,
        "reconcile": ReconciliationWorker(container, lab).run_forever,
        "outbox": OutboxWorker(container).run_forever,
    }
    selected = jobs if which == "all" else {which: jobs[which]}
    try:
        await run_until_signalled(selected)
    finally:
        await container.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="trialcapture.workers")
    parser.add_argument("worker", choices=["data-lock", "reconcile", "outbox", "all"])
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(main(args.worker))
