"""Worker entrypoint: python -m apron.workers {sla|roster|billing|feed|delays}."""
from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from apron.container import build_container
from apron.logging_setup import configure_logging
from apron.settings import get_settings
from apron.workers.billing_eod import BillingEodWorker
from apron.workers.delay_outbox import DelayOutboxWorker
from apron.workers.feed_consumer import FeedConsumerWorker
from apron.workers.roster_publish import RosterPublishWorker
from apron.workers.sla_breach import SlaBreachWorker
from apron.workers.supervisor import keep_alive, supervise

log = logging.getLogger("apron.workers")


async def main(kind: str) -> None:
    settings = get_settings()
    configure_logging()
    container = await build_container(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        if kind == "sla":
            worker = SlaBreachWorker(container.sessionmaker, container.alerts, settings.sla_scan_interval_s)
            await keep_alive("sla-breach", worker.run, stop)
        elif kind == "roster":
            await supervise("roster-publish", RosterPublishWorker(container.roster, container.redis, settings.airports).run, stop)
        elif kind == "billing":
            await supervise("billing-eod", BillingEodWorker(container.billing).run, stop)
        elif kind == "feed":
            await supervise("ops-feed", FeedConsumerWorker(container.redis, container.ingest, settings).run, stop)
        elif kind == "delays":
            await supervise("delay-outbox", DelayOutboxWorker(container.delays).run, stop)
        else:
            raise SystemExit(f"unknown worker {kind!r}")
    finally:
        await container.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m apron.workers")
    parser.add_argument("kind", choices=["sla", "roster", "billing", "feed", "delays"])
    asyncio.run(main(parser.parse_args().kind))
