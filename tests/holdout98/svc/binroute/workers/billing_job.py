"""Monthly billing of commercial customers and weighbridge ticket sync."""
from __future__ import annotations

import asyncio
import logging

from ..utils.timeutil import previous_month, sleep_until, utcnow

logger = logging.getLogger(__name__)

BILLING_HOUR_UTC = 4
WEIGHBRIDGE_SYNC_S = 900


async def run_billing(ctx) -> None:
    while True:
        await sleep_until(BILLING_HOUR_UTC)
        today = utcnow().date()
        if today.day != 1:
            continue
        period = previous_month(today)
        drafted = await ctx.billing.draft_invoices(period)
        paid, failed = await ctx.billing.charge_pending()
        logger.info("billing %s: drafted=%d paid=%d failed=%d", period, drafted, paid, failed)


async def run_weighbridge_sync(ctx) -> None:
    while True:
        stored = await ctx.weighbridge.sync_recent(hours=6)
        logger.info("weighbridge sync stored %d tickets", stored)
        await asyncio.sleep(WEIGHBRIDGE_SYNC_S)
