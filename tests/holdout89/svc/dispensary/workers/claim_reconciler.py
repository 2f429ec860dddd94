"""Matches payer remittance to submitted claims and resubmits those due."""
from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from dispensary.cache.locks import LockNotAcquired, distributed_lock
from dispensary.container import Container
from dispensary.errors import PayerRejected
from dispensary.repositories.claims import ClaimRepository
from dispensary.utils.timeutil import days_ago, local_today

logger = logging.getLogger(__name__)

LOOKBACK_DAYS = 3


class ClaimReconciler:
    def __init__(self, container: Container) -> None:
        self._c = container

    async def run_once(self) -> None:
        try:
            async with distributed_lock(self._c.redis, "claim-reconciler", ttl_seconds=600):
                await self._reconcile_remittance()
                await self._refresh_stale_statuses()
                await self._resubmit_due()
        except LockNotAcquired:
            logger.info("another reconciler holds the lock; skipping this cycle")

    async def _reconcile_remittance(self) -> None:
        since: date = local_today() - timedelta(days=LOOKBACK_DAYS)
        lines = await self._c.payer.remittance(since)
        async with self._c.sessions() as session, session.begin():
            repo = ClaimRepository(session)
            claims = await repo.submitted_since(days_ago(45))
            matched = 0
            for line in lines:
                claim = next((c for c in claims if c.payer_claim_ref == line["ref"]), None)
                if claim is None:
                    logger.warning("remittance line %s matches no submitted claim", line["ref"])
                    continue
                await repo.mark_paid(claim.id, Decimal(line["paid_amount"]))
                matched += 1
        logger.info("remittance: %d of %d lines matched", matched, len(lines))

    async def _refresh_stale_statuses(self) -> None:
        async with self._c.sessions() as session, session.begin():
            repo = ClaimRepository(session)
            stale = await repo.submitted_since(days_ago(30))
            for claim in stale:
                status = await self._c.payer.claim_status(claim.payer_claim_ref)
                if status["state"] == "rejected":
                    await repo.mark_rejected(claim.id, status.get("reject_code"))
                elif status["state"] == "paid":
                    await repo.mark_paid(claim.id, Decimal(status["paid_amount"]))

    async def _resubmit_due(self) -> None:
        async with self._c.sessions() as session, session.begin():
            due = await ClaimRepository(session).claim_batch_for_submission(limit=50)
            due_ids = [claim.id for claim in due]
        for claim_id in due_ids:
            try:
                await self._c.claims.resubmit(claim_id)
            except PayerRejected as exc:
                logger.info("claim %s rejected again: %s", claim_id, exc.reject_code)
