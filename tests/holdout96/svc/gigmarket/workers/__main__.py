from __future__ import annotations

import asyncio
import logging

import argparse
import httpx

from ..clients.payments import PaymentsClient
from ..clients.payouts import BankTransferClient, PayoutPartnerClient
from ..db import create_raw_pool, create_redis
from ..services.notifications import NotificationHub
from ..services.payouts import PayoutService
from ..settings import get_settings
from .auto_release import AutoReleaseWorker
from .payout_batcher import PayoutBatcher
from .runner import run_periodic
from .tax_export import TaxExportWorker


logger = logging.getLogger("gigmarket.workers")


async def main(job: str) -> None:
    settings = get_settings()
    redis = create_redis()
    http = httpx.AsyncClient(timeout=httpx.Timeout(15.0, connect=3.0))
    partner = PayoutPartnerClient(settings)
    await partner.start()
    bank = BankTransferClient(settings)
    pool = await create_raw_pool()
    try:
        if job == "auto-release":
            worker = AutoReleaseWorker(settings, PaymentsClient(settings, http), NotificationHub(redis))
            await run_periodic("auto-release", worker.run_once, interval=300)
        elif job == "payouts":
            batcher = PayoutBatcher(settings, lambda session: PayoutService(session, bank, partner))
            await run_periodic("payout-batcher", batcher.run_once, interval=900)
        elif job == "tax-export":
            await TaxExportWorker(settings, pool, redis).run_once()
        else:
            raise SystemExit(f"unknown job {job!r}")
    finally:
        await partner.close()
        await http.aclose()
        await pool.close()
        await redis.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m gigmarket.workers")
    parser.add_argument("job", choices=["auto-release", "payouts", "tax-export"])
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main(parser.parse_args().job))
