from __future__ import annotations

import asyncio
import logging

from ..services.container import Container

logger = logging.getLogger("spendlens.workers.scan")

POLL_SECONDS = 30


async def _scan_one(container: Container, job) -> None:
    account = await container.accounts.get(job["account_id"])
    if account is not None and account.enabled:
        count = await container.tags.scan_account(account)
        logger.info("tag scan job=%s account=%s violations=%d", job["id"], account.id, count)
    await container.jobs.finish_scan(job["id"])


async def run_scan_worker(container: Container, stop: asyncio.Event) -> None:
    while not stop.is_set():
        jobs = await container.jobs.claim_scan_jobs(5)
        for job in jobs:
            try:
                await _scan_one(container, job)
            except Exception:
                logger.exception("tag scan job %s failed", job["id"])
        if not jobs:
            try:
                await asyncio.wait_for(stop.wait(), timeout=POLL_SECONDS)
            except asyncio.TimeoutError:
                pass
