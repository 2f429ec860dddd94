"""Refresh licence counters (concurrent caps, remaining checkouts) from the distributor."""
from __future__ import annotations

import logging

from stacks.cache.locks import LockNotAcquired, distributed_lock
from stacks.repositories.licences import LicenceRepository
from stacks.repositories.loans import LoanRepository
from stacks.services.elending import ELendingService
from stacks.workers.context import WorkerContext

log = logging.getLogger(__name__)


class _NoPatrons:
    async def by_card(self, card_number: str):
        raise RuntimeError("licence sync does not look up patrons")


async def sync_once(ctx: WorkerContext) -> int:
    try:
        async with distributed_lock(ctx.redis, "licence-sync", ttl_s=900):
            async with ctx.sessionmaker() as session:
                svc = ELendingService(
                    ctx.settings, _NoPatrons(), LicenceRepository(session), LoanRepository(session), ctx.distributor, ctx.redis  # type: ignore[arg-type]
                )
                updated = await svc.sync_licences_bulk()
                await session.commit()
                return updated
    except LockNotAcquired:
        return 0
