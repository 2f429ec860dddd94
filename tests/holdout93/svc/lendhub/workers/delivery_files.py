"""Builds and uploads secondary-market delivery files for open batches."""
from __future__ import annotations

import asyncio
import logging

from ..repositories import DeliveryRepository
from ..services.delivery import DeliveryService, DuplicateLoanInBatch

log = logging.getLogger(__name__)


async def deliver_open_batches(service: DeliveryService, repo: DeliveryRepository) -> int:
    delivered = 0
    batches = await repo.open_batches()
    for batch in batches:
        try:
            path = await service.build_batch(batch)
        except DuplicateLoanInBatch as exc:
            log.error("batch %s has duplicate loan %s", batch["id"], exc)
            await repo.mark_batch(batch["id"], "invalid", None)
            continue
        try:
            await service.upload(batch["investor"], path)
        except Exception:
            await repo.mark_batch(batch["id"], "failed", str(path))
            continue
        await repo.mark_batch(batch["id"], "delivered", str(path))
        delivered += 1
    return delivered


async def run_delivery(service: DeliveryService, repo: DeliveryRepository, interval: int = 900) -> None:
    while True:
        await deliver_open_batches(service, repo)
        await asyncio.sleep(interval)
