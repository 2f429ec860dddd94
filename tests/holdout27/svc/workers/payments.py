"""Scheduled payment batches: sends approved payouts to the gateway."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import uuid4

import asyncpg
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from svc.clients.payments import PaymentsGateway
from svc.config import Settings
from svc.repositories.payouts import PayoutsRepository

logger = logging.getLogger(__name__)

_last_run: dict[str, datetime] = {}


@dataclass(frozen=True)
class BatchContext:
    payouts: PayoutsRepository
    gateway: PaymentsGateway


async def _pay_one(ctx: BatchContext, payout: asyncpg.Record) -> tuple[int, str] | None:
    try:
        transfer_id = await ctx.gateway.pay(
            payout["id"], payout["amount_cents"], payout["currency"], payout["idempotency_key"]
        )
    except Exception:
        return None
    return payout["id"], transfer_id


async def run_payment_batch(ctx: BatchContext) -> None:
    batch_id = str(uuid4())
    payouts = await ctx.payouts.pending()
    if not payouts:
        return
    await ctx.payouts.record_batch(batch_id, [p["id"] for p in payouts])
    results = await asyncio.gather(*(_pay_one(ctx, p) for p in payouts))
    paid = [r for r in results if r is not None]
    await ctx.payouts.mark_paid_many(paid)
    _last_run["payment_batch"] = datetime.now(UTC)
    outstanding = [r["id"] for r in await ctx.payouts.by_batch(batch_id) if r["status"] != "paid"]
    logger.info("payment batch %s: %d of %d payouts sent, outstanding %s", batch_id, len(paid), len(payouts), outstanding)


def last_run(job: str) -> datetime | None:
    return _last_run.get(job)


def build_scheduler(ctx: BatchContext, settings: Settings) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        run_payment_batch,
        "interval",
        minutes=settings.payment_batch_minutes,
        args=[ctx],
        id="payment-batch",
        max_instances=1,
        coalesce=True,
    )
    return scheduler
