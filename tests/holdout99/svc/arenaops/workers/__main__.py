from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from arenaops.logging_setup import configure_logging
from arenaops.workers.bracket_advancer import BracketAdvancer
from arenaops.workers.checkin_enforcer import CheckInEnforcer
from arenaops.workers.ranking_nightly import nightly_once_locked
from arenaops.workers.runtime import worker_container

logger = logging.getLogger("arenaops.workers")

WORKERS = ("checkin", "advancer", "nightly")


async def _supervise(name: str, stop: asyncio.Event) -> None:
    async with worker_container() as container:
        if name == "nightly":
            await nightly_once_locked(container)
            return
        worker = CheckInEnforcer(container) if name == "checkin" else BracketAdvancer(container)
        while not stop.is_set():
            try:
                await worker.run()
            except Exception:
                logger.exception("worker %s crashed; restarting", name)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m arenaops.workers")
    parser.add_argument("worker", choices=WORKERS)
    args = parser.parse_args()
    configure_logging()

    async def runner() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        task = asyncio.create_task(_supervise(args.worker, stop))
        await stop.wait()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    asyncio.run(runner())


if __name__ == "__main__":
    main()
