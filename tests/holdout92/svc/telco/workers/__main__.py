from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket

from telco.clients.roaming_hub import RoamingHubClient
from telco.logging_setup import configure_logging
from telco.workers.bill_run import run_bill_cycle
from telco.workers.reconciliation import nightly_reconciliation
from telco.workers.roaming_settlement import settle_pending, settlement_due
from telco.workers.runner import build_runtime, supervise
from telco.workers.sftp_poller import SftpPoller
from telco.workers.thresholds import check_usage_thresholds, low_balance_sweep

logger = logging.getLogger("telco.workers")

JOBS = ("bill-run", "thresholds", "reconcile", "sftp", "roaming")


async def main(job: str) -> None:
    container = await build_runtime()
    try:
        if job == "bill-run":
            await run_bill_cycle(container)
        elif job == "thresholds":
            async def step() -> None:
                await check_usage_thresholds(container)
                await low_balance_sweep(container)
            await supervise("thresholds", step, interval=900)
        elif job == "reconcile":
            await nightly_reconciliation(container)
        elif job == "sftp":
            poller = SftpPoller(container)

            async def poll() -> None:
                await poller.poll_once()
            try:
                await supervise("sftp-poller", poll, interval=60)
            finally:
                poller.close()
        elif job == "roaming":
            if settlement_due():
                hub = RoamingHubClient(container.settings.roaming_hub_url, os.environ.get("ROAMING_HUB_TOKEN", ""))
                try:
                    await settle_pending(container, hub)
                finally:
                    await hub.close()
    finally:
        await container.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m telco.workers")
    parser.add_argument("job", choices=JOBS)
    args = parser.parse_args()
    configure_logging()
    logger.info("starting %s on %s", args.job, socket.gethostname())
    asyncio.run(main(args.job))
