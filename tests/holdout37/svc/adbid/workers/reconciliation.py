"""Reconciliation of Redis budget counters against the booked ledger, and day close.

Every interval the worker compares today's Redis spend counter for each active
campaign with the ledger and books the difference. Once the day has rolled
over it pushes yesterday's final spend per campaign to the billing service,
which turns it into invoice lines.
"""
from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta

from adbid.cache.redis_client import budget_key
from adbid.clients.billing_client import BillingClient, BillingError
from adbid.config import Settings
from adbid.db.engine import SessionLocal
from adbid.metrics import RECONCILE_DRIFT
from adbid.repositories.campaigns import CampaignRepository
from adbid.repositories.spend import SpendRepository
from adbid.utils.timeutil import utcnow

log = logging.getLogger(__name__)

DRIFT_TOLERANCE_MICROS = 50_000


class ReconciliationWorker:
    def __init__(self, settings: Settings, redis, billing: BillingClient) -> None:
        self._interval = settings.reconcile_interval_s
        self._redis = redis
        self._billing = billing
        self._closed_through: date | None = None

    async def run_forever(self) -> None:
        while True:
            await self.reconcile_once()
            await self.close_previous_day()
            await asyncio.sleep(self._interval)

    async def reconcile_once(self) -> int:
        day = utcnow().date()
        async with SessionLocal() as session:
            campaigns = await CampaignRepository(session).list_active()
            spend_repo = SpendRepository(session)
            counters = await self._redis.mget([budget_key(c.id, day.isoformat()) for c in campaigns])
            corrections = []
            for campaign, counter in zip(campaigns, counters):
                booked = await spend_repo.ledger_total(campaign.id, day)
                drift = int(counter or 0) - booked
                RECONCILE_DRIFT.observe(abs(drift))
                if abs(drift) > DRIFT_TOLERANCE_MICROS:
                    await spend_repo.upsert_entry(campaign.id, day, "counter", int(counter or 0))
                    corrections.append(campaign)
            await spend_repo.commit()
        print(f"reconciled {len(campaigns)} campaigns, {len(corrections)} corrected")
        return len(corrections)

    async def close_previous_day(self) -> int:
        yesterday = utcnow().date() - timedelta(days=1)
        if self._closed_through == yesterday:
            return 0
        async with SessionLocal() as session:
            totals = await SpendRepository(session).ledger_totals(yesterday)
            owners = await CampaignRepository(session).advertiser_ids(list(totals))
        await asyncio.gather(*(self._push(owners[cid], cid, yesterday, amount) for cid, amount in totals.items()))
        self._closed_through = yesterday
        log.info("closed %s: pushed spend for %d campaigns to billing", yesterday, len(totals))
        return len(totals)

    async def _push(self, advertiser_id: int, campaign_id: int, day: date, total: int) -> None:
        try:
            await self._billing.post_spend(advertiser_id, campaign_id, day, total)
        except BillingError as exc:
            log.error("billing push failed for campaign %s on %s: %s", campaign_id, day, exc)
