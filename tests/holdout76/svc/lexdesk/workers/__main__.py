"""Background workers: python -m lexdesk.workers {efiling-poller|reminders|invoice-run}"""
from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from lexdesk.container import build_container
from lexdesk.settings import get_settings
from lexdesk.workers.efiling_poller import EFilingPoller
from lexdesk.workers.invoice_run import InvoiceRun
from lexdesk.workers.reminder_dispatch import ReminderDispatcher

log = logging.getLogger("lexdesk.workers")

JOBS = {
    EFilingPoller.name: EFilingPoller,
    ReminderDispatcher.name: ReminderDispatcher,
    InvoiceRun.name: InvoiceRun,
}


async def supervise(job: EFilingPoller | ReminderDispatcher | InvoiceRun) -> None:
    while True:
        try:
            await job.run()
            return
        except Exception:
            log.exception("worker %s crashed; restarting", job.name)


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="lexdesk.workers")
    parser.add_argument("job", choices=sorted(JOBS))
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = get_settings()
    container = await build_container(settings)
    job = JOBS[args.job](container)

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, job.stop)
    try:
        await supervise(job)
    finally:
        await container.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
