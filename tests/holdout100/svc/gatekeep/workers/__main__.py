from __future__ import annotations

import argparse
import asyncio
import logging

from ..logging_setup import configure_logging
from . import access_review
from .badge_expiry import expire_once
from .credential_sync import CredentialSyncWorker
from .event_consumer import EventStreamConsumer
from .runner import run_periodic, supervise, worker_container

log = logging.getLogger("gatekeep.workers")


async def _main(job: str) -> None:
    async with worker_container() as container:
        settings = container.settings
        if job == "consumer":
            consumer = EventStreamConsumer(container.redis, container.ingestion, settings)
            await supervise("event-consumer", consumer.run)
        elif job == "credential-sync":
            mqtt_task = asyncio.create_task(supervise("mqtt", container.mqtt.run))
            worker = CredentialSyncWorker(container)
            try:
                await run_periodic("credential-sync", settings.credential_sync_interval, worker.tick)
            finally:
                mqtt_task.cancel()
        elif job == "access-review":
            await access_review.run(container)
        elif job == "badge-expiry":
            await run_periodic("badge-expiry", settings.badge_expiry_interval, lambda: expire_once(container))
        else:
            raise SystemExit(f"unknown job {job}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m gatekeep.workers")
    parser.add_argument("job", choices=["consumer", "credential-sync", "access-review", "badge-expiry"])
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args()
    configure_logging(args.log_level)
    asyncio.run(_main(args.job))


if __name__ == "__main__":
    main()
