from __future__ import annotations

import logging

from telco.container import Container
from telco.utils.locks import LockNotAcquired, redis_lock

logger = logging.getLogger(__name__)

RECON_LOCK = "recon:nightly"


async def nightly_reconciliation(container: Container) -> None:
    try:
        async with redis_lock(container.redis, RECON_LOCK, ttl_ms=4 * 3600 * 1000):
            report = await container.reconciliation.run(repair=True)
    except LockNotAcquired:
        logger.info("reconciliation already running on another worker")
        return
    if report.missing_in_hlr:
        logger.error("%d active subscribers missing from HLR", len(report.missing_in_hlr))
