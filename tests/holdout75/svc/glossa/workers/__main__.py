from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

from glossa.workers.export_worker import run_export_worker
from glossa.workers.metering_worker import run_metering_worker
from glossa.workers.webhook_worker import run_webhook_worker

WORKERS: dict[str, Callable[..., Awaitable[None]]] = {
    "exports": run_export_worker,
    "webhooks": run_webhook_worker,
    "metering": run_metering_worker,
}


async def _run(name: str, concurrency: int) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await WORKERS[name](stop, concurrency=concurrency)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m glossa.workers")
    parser.add_argument("worker", choices=sorted(WORKERS))
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(_run(args.worker, args.concurrency))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
