"""Entry point: python -m heartline.workers {suggestions,notify-fanout,remoderate}."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from ..settings import configure_logging, get_settings
from ..utils.tasks import supervise
from ..wiring import open_container
from .notify_fanout import NotifyFanoutWorker
from .remoderate import RemoderationWorker
from .suggestions import SuggestionWorker

log = logging.getLogger("heartline.workers")

WORKERS = {
    SuggestionWorker.name: SuggestionWorker,
    NotifyFanoutWorker.name: NotifyFanoutWorker,
    RemoderationWorker.name: RemoderationWorker,
}


async def _run(name: str) -> None:
    settings = get_settings()
    configure_logging(settings)
    async with open_container(settings) as container:
        worker = WORKERS[name](container)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        runner = asyncio.create_task(supervise(name, worker.run_forever, stop=stop), name=name)
        log.info("worker %s started", name)
        await stop.wait()
        runner.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await runner
        log.info("worker %s stopped", name)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m heartline.workers")
    parser.add_argument("worker", choices=sorted(WORKERS))
    args = parser.parse_args()
    asyncio.run(_run(args.worker))


if __name__ == "__main__":
    main()
