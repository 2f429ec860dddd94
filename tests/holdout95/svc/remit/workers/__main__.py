"""Entry point: python -m remit.workers {poller|dispatcher|reconcile|regulatory|quote-cleanup}."""
from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from ..clients.regulator import RegulatorClient
from ..container import build_container
from ..settings import configure_logging, get_settings
from .payouts import run_dispatcher, run_poller
from .quote_cleanup import run_quote_cleanup
from .reconciliation import run_reconciliation
from .regulatory import run_regulatory
from .runner import supervise

log = logging.getLogger("remit.workers")


async def _main(job: str) -> None:
    settings = get_settings()
    container = await build_container(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    regulator = RegulatorClient(settings.regulator_url, settings.jwt_secret)
    jobs = {
        "poller": lambda: run_poller(container),
        "dispatcher": lambda: run_dispatcher(container),
        "reconcile": lambda: run_reconciliation(container),
        "regulatory": lambda: run_regulatory(container, regulator),
        "quote-cleanup": lambda: run_quote_cleanup(container),
    }
    task = asyncio.create_task(supervise(job, jobs[job]), name=job)
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for t in (task, stopper):
            t.cancel()
        await asyncio.gather(task, stopper, return_exceptions=True)
        await regulator.aclose()
        await container.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="remit.workers")
    parser.add_argument("job", choices=["poller", "dispatcher", "reconcile", "regulatory", "quote-cleanup"])
    args = parser.parse_args()
    configure_logging(get_settings().env == "dev" and "DEBUG" or "INFO")
    asyncio.run(_main(args.job))


if __name__ == "__main__":
    main()
