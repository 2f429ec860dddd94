from __future__ import annotations

import argparse
import asyncio
import logging
from typing import TYPE_CHECKING

from . import invoice_run, key_reminders, webhook_redelivery
from . import install_stop_event, worker_container
from .stream_consumer import UsageStreamConsumer

if TYPE_CHECKING:
    from ..container import Container

WORKERS = {
    "invoice-run": invoice_run.run,
    "webhook-redelivery": webhook_redelivery.run,
    "key-reminders": key_reminders.run,
}


async def _stream(container: Container, stop: asyncio.Event) -> None:
    settings = container.settings
    consumer = UsageStreamConsumer(container.redis, container.metering, settings.usage_stream, settings.usage_group)
    task = asyncio.create_task(consumer.run(), name="usage-stream")
    stopper = asyncio.create_task(stop.wait())
    await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    consumer.stop()
    stopper.cancel()
    # a crashed consumer re-raises here so the process exits non-zero and the supervisor restarts it
    await task


async def main(name: str) -> None:
    stop = install_stop_event()
    async with worker_container() as container:
        runner = _stream if name == "stream" else WORKERS[name]
        await runner(container, stop)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m meterly.workers")
    parser.add_argument("worker", choices=[*WORKERS, "stream"])
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    asyncio.run(main(args.worker))
