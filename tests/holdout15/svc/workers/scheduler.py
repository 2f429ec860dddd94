"""Periodic jobs: cancel orders restaurants never answered, compute monthly payouts."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc import errors
from svc.repositories.orders import OrderRepository, PayoutRepository
from svc.services.orders import OrderService

logger = logging.getLogger(__name__)


async def cancel_stale_orders(
    orders: OrderRepository,
    sessions: async_sessionmaker[AsyncSession],
    service_factory: Callable[[AsyncSession], OrderService],
    minutes: int,
) -> None:
    while True:
        try:
            cutoff = datetime.now(UTC) - timedelta(minutes=minutes)
            async with sessions() as session:
                service = service_factory(session)
                for order in await orders.stale_placed(cutoff, limit=100):
                    try:
                        await service.cancel(order["id"], "restaurant did not respond")
                    except errors.OrderNotCancellable:
                        continue
        except Exception as exc:
            print(f"stale order sweep failed: {exc}")
        await asyncio.sleep(60)


def _previous_month(today: date) -> tuple[date, datetime, datetime]:
    this_month = today.replace(day=1)
    year, month = (this_month.year - 1, 12) if this_month.month == 1 else (this_month.year, this_month.month - 1)
    start = date(year, month, 1)
    return start, datetime(year, month, 1, tzinfo=UTC), datetime(this_month.year, this_month.month, 1, tzinfo=UTC)


async def run_payouts(redis: Redis, payouts: PayoutRepository, interval: float = 3600.0) -> None:
    """Runs in every process; the redis lock makes sure only one computes a period."""
    while True:
        try:
            lock = redis.lock("foodly:payouts:leader", timeout=600)
            if await lock.acquire(blocking=False):
                try:
                    period_start, starts_at, ends_at = _previous_month(date.today())
                    created = await payouts.compute_period(period_start, starts_at, ends_at)
                    logger.info("payouts computed", extra={"period": period_start.isoformat(), "created": created})
                finally:
                    await lock.release()
        except Exception:
            logger.exception("payout run failed")
        await asyncio.sleep(interval)
