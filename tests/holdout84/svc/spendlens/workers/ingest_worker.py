from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from ..errors import IngestError
from ..services.container import Container

logger = logging.getLogger("spendlens.workers.ingest")

POLL_SECONDS = 10
BATCH = 10
DAILY_SWEEP_HOUR_UTC = 6


async def _process_job(container: Container, job) -> None:
    account = await container.accounts.get(job["account_id"])
    if account is None or not account.enabled:
        await container.jobs.finish_ingest(job["id"])
        return
    try:
        await container.ingestion.ingest_export(account, job["export_key"])
    except IngestError:
        await container.jobs.fail_ingest(job["id"], "ingest failed")
        return
    await container.jobs.finish_ingest(job["id"])


async def _daily_sweep(container: Container) -> None:
    accounts = await container.accounts.list_enabled()
    logger.info("daily sweep over %d accounts", len(accounts))
    results = await asyncio.gather(
        *(container.ingestion.ingest_account(account) for account in accounts), return_exceptions=True
    )
    failed = [a.id for a, r in zip(accounts, results) if isinstance(r, BaseException)]
    if failed:
        logger.error("daily sweep failed for accounts %s", failed)


async def run_ingest_worker(container: Container, stop: asyncio.Event) -> None:
    last_sweep_day = None
    while not stop.is_set():
        now = datetime.now(timezone.utc)
        if now.hour == DAILY_SWEEP_HOUR_UTC and last_sweep_day != now.date():
            last_sweep_day = now.date()
            await _daily_sweep(container)
        jobs = await container.jobs.claim_ingest_jobs(BATCH)
        sem = asyncio.Semaphore(container.settings.ingest_concurrency)

        async def bounded(job):
            async with sem:
                await _process_job(container, job)

        await asyncio.gather(*(bounded(job) for job in jobs))
        if not jobs:
            try:
                await asyncio.wait_for(stop.wait(), timeout=POLL_SECONDS)
            except asyncio.TimeoutError:
                pass
