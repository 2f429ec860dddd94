"""Re-scores open claims against the fraud service once new evidence has arrived."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from svc.clients.fraud import FraudClient, FraudServiceError
from svc.db.engine import Database
from svc.db.models import OPEN_STATUSES, Claim, Policy
from svc.services.fraud_service import FraudService

log = logging.getLogger(__name__)

LOOKBACK = timedelta(hours=6)


class FraudRescoreWorker:
    name = "fraud-rescore"

    def __init__(self, db: Database, client: FraudClient, interval: int = 900) -> None:
        self._db = db
        self._client = client
        self._interval = interval

    async def run(self) -> None:
        while True:
            try:
                await self.rescore_recent()
                await asyncio.sleep(self._interval)
            except Exception:
                log.exception("fraud rescore failed, restarting")

    async def rescore_recent(self) -> int:
        since = datetime.now(timezone.utc) - LOOKBACK
        async with self._db.session() as session:
            rows = await session.execute(
                select(Claim, Policy)
                .join(Policy, Policy.id == Claim.policy_id)
                .where(Claim.status.in_(OPEN_STATUSES), Claim.updated_at >= since)
            )
            pairs = rows.all()
        payloads = [
            FraudService.build_payload(
                claim,
                {
                    "policy_number": policy.policy_number,
                    "product": policy.product,
                    "effective_date": policy.effective_date.isoformat(),
                },
                prior_claims=0,
            )
            for claim, policy in pairs
        ]
        results = await asyncio.gather(*(self._client.score_claim(p) for p in payloads), return_exceptions=True)
        updated = 0
        async with self._db.transaction() as session:
            ids = [claim.id for claim, _ in pairs]
            stored_rows = await session.execute(select(Claim).where(Claim.id.in_(ids)))
            stored_by_id = {c.id: c for c in stored_rows.scalars()}
            for (claim, _), result in zip(pairs, results):
                if isinstance(result, FraudServiceError):
                    continue
                if isinstance(result, BaseException):
                    raise result
                stored = stored_by_id[claim.id]
                if stored.fraud_band != result.band:
                    stored.fraud_score = result.score
                    stored.fraud_band = result.band
                    updated += 1
        return updated
