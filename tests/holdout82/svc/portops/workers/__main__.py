"""Run a background worker: ``python -m portops.workers <name>``."""
from __future__ import annotations

import argparse
import asyncio
import logging

from portops.logging_setup import configure_logging
from portops.workers import audit_consumer, crane_events, edi_ingest, gate_reaper, outbox_sender, yard_rebalancer
from portops.workers.context import open_context
from portops.workers.runner import supervise

WORKERS = {
    "edi-ingest": edi_ingest.run,
    "outbox": outbox_sender.run,
    "crane-events": crane_events.run,
    "audit": audit_consumer.run,
    "yard-rebalance": yard_rebalancer.run,
    "gate-reaper": gate_reaper.run,
}

log = logging.getLogger("portops.workers")


async def main(name: str) -> None:
    ctx = await open_context()
    try:
        await supervise(name, lambda: WORKERS[name](ctx))
    finally:
        await ctx.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("worker", choices=sorted(WORKERS))
    args = parser.parse_args()
    configure_logging()
    asyncio.run(main(args.worker))
